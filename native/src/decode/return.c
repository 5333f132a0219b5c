/* The return value as strace prints it after "= ". */
#include "decode/decode.h"
#include "decode/print.h"

#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>

/* The kernel reports failures as -1..-4095 in the return register. */
#define MAX_ERRNO 4095UL

/* Interrupted calls that the kernel restarts or turns into EINTR: strace prints no value. */
static const char *restart_text(unsigned long err)
{
	switch (err) {
	case 512: return "ERESTARTSYS (To be restarted if SA_RESTART is set)";
	case 513: return "ERESTARTNOINTR (To be restarted)";
	case 514: return "ERESTARTNOHAND (To be restarted if no handler)";
	case 516: return "ERESTART_RESTARTBLOCK (Interrupted by signal)";
	default: return NULL;
	}
}

bool call_failed(const struct syscall_call *c)
{
	return (unsigned long)c->ret > -MAX_ERRNO - 1;
}

/* Calls whose result is a new descriptor, which -y decorates (strace's RVAL_FD). */
static bool returns_fd(const struct syscall_call *c)
{
	switch (c->nr) {
	case SYS_socket:
	case SYS_accept:
	case SYS_accept4:
	case SYS_dup:
	case SYS_dup2:
	case SYS_dup3:
		return true;
	case SYS_fcntl:
		return c->args[1] == F_DUPFD || c->args[1] == F_DUPFD_CLOEXEC;
	default:
		return false;
	}
}

static void print_value(struct syscall_call *c, struct strbuf *out)
{
	if (!call_failed(c)) {
		if (returns_fd(c))
			print_fd(c, out, (unsigned long)c->ret);
		else
			sb_printf(out, "%lu", (unsigned long)c->ret);
		return;
	}
	unsigned long err = -(unsigned long)c->ret;
	const char *restart = restart_text(err);
	if (restart) {
		sb_printf(out, "? %s", restart);
		return;
	}
	const char *name = errno_name(err);
	/* strace takes the text from the C library's strerror, as we do. */
	if (name)
		sb_printf(out, "-1 %s (%s)", name, strerror((int)err));
	else
		sb_printf(out, "-1 (errno %lu)", err);
}

void decode_return(struct syscall_call *c, struct strbuf *out)
{
	print_value(c, out);
	sb_puts(out, c->rval_suffix);
}
