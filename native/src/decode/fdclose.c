/*
 * close, dup, dup2, dup3 and fcntl's dup commands (--close): timelines need to know when a
 * socket descriptor dies or gains a twin. Printed completely at entry, as strace does.
 */
#include <fcntl.h>
#include <string.h>

#include "decode/decoders.h"
#include "decode/print.h"
#include "decode/xlat.h"

void decode_close_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "close");
	print_fd(c, out, c->args[0]);
}

/* "dup": a new descriptor that shares the old one's socket (not an event-model op of its own). */
static void dup_begin(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "dup");
	print_fd(c, out, c->args[0]);
}

void decode_dup_entry(struct syscall_call *c, struct strbuf *out)
{
	dup_begin(c, out);
}

void decode_dup2_entry(struct syscall_call *c, struct strbuf *out)
{
	dup_begin(c, out);
	sb_puts(out, ", ");
	print_fd(c, out, c->args[1]);
}

void decode_dup3_entry(struct syscall_call *c, struct strbuf *out)
{
	decode_dup2_entry(c, out);
	sb_puts(out, ", ");
	print_flags(out, &xlat_open_mode_flags, c->args[2], "O_???");
}

void decode_fcntl_entry(struct syscall_call *c, struct strbuf *out)
{
	unsigned cmd = (unsigned)c->args[1];
	bool dups = cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC;
	ev_begin(c, dups ? "dup" : "fcntl");
	print_fd(c, out, c->args[0]);
	sb_puts(out, ", ");
	print_xval(out, &xlat_fcntlcmds, c->args[1], "F_???");
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		sb_printf(out, ", %ld", (long)c->args[2]);
		break;
	case F_SETFD:
		sb_puts(out, ", ");
		print_flags(out, &xlat_fdflags, c->args[2], "FD_???");
		break;
	case F_GETFD:
	case F_GETFL:
	case F_GETOWN:
	case F_GETSIG:
	case F_GETLEASE:
	case F_GETPIPE_SZ:
	case F_GET_SEALS:
		break;
	default:
		/* Other commands are not traced; strace would decode their argument further. */
		sb_printf(out, ", %#lx", c->args[2]);
	}
}

/* dup-family results: the new descriptor. */
void decode_dup_exit(struct syscall_call *c, struct strbuf *out)
{
	(void)out;
	if (!call_failed(c) && c->ev.op && strcmp(c->ev.op, "dup") == 0)
		c->ev.new_fd = (int)c->ret;
}
