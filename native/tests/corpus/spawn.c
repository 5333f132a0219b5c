/* vfork: posix_spawn (clone with CLONE_VFORK) of another corpus program, and a bare vfork child. */
#define _GNU_SOURCE
#include <libgen.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(void)
{
	/* SIGCHLD carries the children's CPU times, which vary: keep it pending, never delivered. */
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	char self[PATH_MAX], target[PATH_MAX + 16];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0) return 1;
	self[n] = 0;
	snprintf(target, sizeof(target), "%s/strings", dirname(self));

	socket(AF_INET, SOCK_DGRAM, 0);
	pid_t child;
	char *argv[] = { target, NULL };
	if (posix_spawn(&child, target, NULL, NULL, argv, environ) != 0) return 2;
	int status;
	waitpid(child, &status, 0);

	/* The vfork child shares our memory until it exits: raw syscalls only, then _exit. */
	pid_t v = vfork();
	if (v == 0) {
		syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
		_exit(7);
	}
	waitpid(v, &status, 0);
	socket(AF_INET6, SOCK_STREAM, 0);
	return WEXITSTATUS(status) == 7 ? 0 : 3;
}
