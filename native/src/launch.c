#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "options.h"
#include "proctab.h"
#include "seccomp_filter.h"
#include "tracer.h"

/*
 * Finds the program like execvp would, but before forking, so that a missing command is one
 * clear error from us (strace: "Can't stat") rather than a child that exits 127.
 */
static const char *resolve(const char *name, char *path, size_t size)
{
	struct stat st;
	if (strchr(name, '/')) {
		if (stat(name, &st) < 0)
			die_errno("Can't stat '%s'", name);
		return name;
	}
	const char *dirs = getenv("PATH");
	if (!dirs)
		dirs = "/usr/local/bin:/usr/bin:/bin";
	for (const char *d = dirs; ; d++) {
		const char *end = strchrnul(d, ':');
		int dlen = (int)(end - d);
		snprintf(path, size, "%.*s%s%s", dlen, d, dlen ? "/" : "", name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0)
			return path;
		if (!*end)
			break;
		d = end;
	}
	errno = ENOENT;
	die_errno("Can't stat '%s'", name);
}

static _Noreturn void child(const char *path, char **argv, int go_fd)
{
	char ch;
	/* Wait until the tracer holds us: a traced syscall without a tracer would fail ENOSYS. */
	while (read(go_fd, &ch, 1) < 0 && errno == EINTR)
		;
	if (!opts.no_seccomp && seccomp_filter_install(opts.trace_close) < 0) {
		dprintf(STDERR_FILENO, PROGNAME ": seccomp filter: %s\n", strerror(errno));
		_exit(1);
	}
	execv(path, argv);
	dprintf(STDERR_FILENO, PROGNAME ": exec '%s': %s\n", path, strerror(errno));
	_exit(1);
}

pid_t launch_command(char **argv)
{
	char buf[PATH_MAX];
	const char *path = resolve(argv[0], buf, sizeof(buf));
	int go[2];
	if (pipe2(go, O_CLOEXEC) < 0)
		die_errno("pipe");
	pid_t pid = fork();
	if (pid < 0)
		die_errno("fork");
	if (pid == 0) {
		close(go[1]);
		child(path, argv, go[0]);
	}
	close(go[0]);
	unsigned long options = TRACE_OPTIONS;
	/* The filter must never outlive us: a filtered task without a tracer gets ENOSYS. */
	if (!opts.no_seccomp)
		options |= PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL;
	if (ptrace(PTRACE_SEIZE, pid, 0L, options) < 0) {
		int err = errno;
		kill(pid, SIGKILL);
		errno = err;
		die_errno("ptrace(PTRACE_SEIZE, %d)", pid);
	}
	tcb_add(pid, pid);
	close(go[1]);
	return pid;
}
