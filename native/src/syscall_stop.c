#include "syscall_stop.h"

#include <fcntl.h>
#include <linux/audit.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>

#include "clock.h"
#include "compat32.h"
#include "decode/decode.h"
#include "decode/event.h"
#include "json_out.h"
#include "options.h"
#include "output.h"
#include "proctab.h"
#include "sockfds.h"

/* x32 calls arrive as x86_64 with this bit set; strace's network class does not include them. */
#define X32_SYSCALL_BIT 0x40000000UL

/* close/dup/fcntl(F_DUPFD*) matter only when a socket is involved. */
static bool touches_socket(const struct tcb *t, const struct syscall_call *c)
{
	const struct sockfds *s = t->sockets;
	switch (c->nr) {
	case SYS_close:
	case SYS_dup:
		return sockfds_has(s, (int)c->args[0]);
	case SYS_dup2:
	case SYS_dup3:
		return sockfds_has(s, (int)c->args[0]) || sockfds_has(s, (int)c->args[1]);
	case SYS_fcntl:
		return (c->args[1] == F_DUPFD || c->args[1] == F_DUPFD_CLOEXEC) &&
		       sockfds_has(s, (int)c->args[0]);
	default:
		return false;
	}
}

static const struct syscall_desc *traced_call(const struct tcb *t, struct syscall_call *c,
					      uint32_t arch)
{
	if (arch == AUDIT_ARCH_I386) {
		if (!compat32_translate(c))
			return NULL;
	} else if (arch != AUDIT_ARCH_X86_64 || (c->nr & X32_SYSCALL_BIT)) {
		return NULL;
	}
	const struct syscall_desc *d = syscall_find(c->nr);
	if (!d)
		return NULL;
	if (d->flags & SC_NETWORK)
		return d;
	if ((d->flags & SC_FDCLOSE) && opts.trace_close && touches_socket(t, c))
		return d;
	return NULL;
}

static void reset_event(struct net_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->fd = ev->new_fd = -1;
	ev->family = ev->type = ev->protocol = -1;
	ev->bytes = -1;
}

/* In JSON mode the decoders still run (they fill the event) but their text is dropped. */
static struct strbuf *text_sink(void)
{
	static struct strbuf scratch;
	if (opts.format == FORMAT_STRACE)
		return out_buf();
	sb_reset(&scratch);
	return &scratch;
}

static void entering(struct tcb *t, uint32_t arch, uint64_t nr, const uint64_t args[6])
{
	struct syscall_call *c = &t->call;
	c->pid = t->pid;
	c->tid = t->tid;
	c->nr = (long)nr;
	for (int i = 0; i < 6; i++)
		c->args[i] = (unsigned long)args[i];
	c->compat32 = false;
	t->in_syscall = true;
	t->desc = traced_call(t, c, arch);
	if (!t->desc)
		return;
	c->strsize = opts.strsize;
	/* JSON drops the decoders' text: decorating it would cost lookups for nothing. */
	c->fd_decor = opts.format == FORMAT_STRACE ? opts.decode_fds : 0;
	c->ret = 0;
	c->rval_suffix[0] = '\0';
	memset(c->saved, 0, sizeof(c->saved));
	reset_event(&c->ev);
	c->ev.for_json = opts.format == FORMAT_JSON;
	t->entry_realtime_ns = clock_ns(CLOCK_REALTIME);
	t->entry_mono_ns = opts.syscall_times || opts.format == FORMAT_JSON ? clock_ns(CLOCK_MONOTONIC) : 0;
	if (opts.format == FORMAT_STRACE) {
		out_leader(t);
		sb_printf(out_buf(), "%s(", t->desc->name);
	}
	if (t->desc->entry)
		t->desc->entry(c, text_sink());
}

/* Keeps the --close socket set right: new sockets, duplicates, closes. */
static void track_sockets(struct tcb *t, const struct syscall_call *c)
{
	struct sockfds *s = t->sockets;
	if (c->ret < 0)
		return;
	switch (c->nr) {
	case SYS_socket:
	case SYS_accept:
	case SYS_accept4:
		sockfds_set(s, c->ret, true);
		break;
	case SYS_socketpair: {
		int sv[2];
		unsigned long addr = c->compat32 ? (uint32_t)c->args[3] : c->args[3];
		if (tracee_read(c->tid, addr, sv, sizeof(sv)) == 0) {
			sockfds_set(s, sv[0], true);
			sockfds_set(s, sv[1], true);
		}
		break;
	}
	case SYS_close:
		sockfds_set(s, (int)c->args[0], false);
		break;
	case SYS_dup:
	case SYS_fcntl:
		sockfds_set(s, c->ret, sockfds_has(s, (int)c->args[0]));
		break;
	case SYS_dup2:
	case SYS_dup3:
		sockfds_set(s, (int)c->args[1], sockfds_has(s, (int)c->args[0]));
		break;
	}
}

/* Continues t's line, or starts a "<... NAME resumed>" one if another line came between. */
static void resume_line(struct tcb *t, const char *name)
{
	if (!out_line_is(t) || t->reprint) {
		t->reprint = false;
		out_leader(t);
		sb_printf(out_buf(), "<... %s resumed>", name);
	}
}

static void exiting(struct tcb *t, int64_t rval)
{
	const struct syscall_desc *d = t->desc;
	struct syscall_call *c = &t->call;
	t->in_syscall = false;
	t->desc = NULL;
	if (!d)
		return;
	c->ret = (long)rval;
	if (opts.trace_close)
		track_sockets(t, c);
	if (opts.format == FORMAT_JSON) {
		if (d->exit)
			d->exit(c, text_sink());
		ev_finish(c);
		json_call(t, d->name, true, clock_ns(CLOCK_MONOTONIC) - t->entry_mono_ns);
		return;
	}
	struct strbuf *out = out_buf();
	resume_line(t, d->name);
	if (d->exit)
		d->exit(c, out);
	sb_puts(out, ") ");
	out_tab();
	sb_puts(out, "= ");
	decode_return(c, out); /* with the decoder's rval_suffix */
	if (opts.syscall_times) {
		int64_t ns = clock_ns(CLOCK_MONOTONIC) - t->entry_mono_ns;
		sb_printf(out, " <%lld.%06lld>", (long long)(ns / 1000000000),
			  (long long)(ns % 1000000000 / 1000));
	}
	out_line_end();
}

void syscall_stop(struct tcb *t)
{
	struct __ptrace_syscall_info info;
	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) <= 0)
		return;
	switch (info.op) {
	case PTRACE_SYSCALL_INFO_SECCOMP:
		entering(t, info.arch, info.seccomp.nr, info.seccomp.args);
		/* Under the filter an untraced entry needs no exit stop: PTRACE_CONT skips it. */
		if (!t->desc)
			t->in_syscall = false;
		break;
	case PTRACE_SYSCALL_INFO_ENTRY:
		entering(t, info.arch, info.entry.nr, info.entry.args);
		break;
	case PTRACE_SYSCALL_INFO_EXIT:
		if (t->in_syscall)
			exiting(t, info.exit.rval);
		break;
	}
}

void syscall_killed(struct tcb *t)
{
	const struct syscall_desc *d = t->desc;
	t->in_syscall = false;
	t->desc = NULL;
	if (!d)
		return;
	decode_discard(&t->call);
	if (opts.format == FORMAT_JSON) {
		json_call(t, d->name, false, clock_ns(CLOCK_MONOTONIC) - t->entry_mono_ns);
		return;
	}
	struct strbuf *out = out_buf();
	resume_line(t, d->name);
	/* The exit half will never print: say so, as strace does. */
	if (!decode_done_at_entry(&t->call, d))
		sb_puts(out, " <unfinished ...>");
	sb_puts(out, ") ");
	out_tab();
	sb_puts(out, "= ?");
	out_line_end();
}
