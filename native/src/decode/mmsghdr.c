/*
 * sendmmsg and recvmmsg: vectors of {msg_hdr, msg_len}. Both print everything but the
 * descriptor at exit; recvmmsg remembers each offered msg_namelen and the timeout as they
 * were at entry, because the kernel overwrites them.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/array.h"
#include "decode/decoders.h"
#include "decode/msghdr.h"
#include "decode/print.h"

#ifndef IOV_MAX
#define IOV_MAX 1024
#endif

/* What recvmmsg's entry keeps for its exit (pointer in saved[0]). */
struct mmsg_entry_state {
	char timeout[64];
	unsigned count;
	int namelen[];
};

static size_t mmsghdr_size(const struct syscall_call *c)
{
	/* msghdr, then unsigned msg_len, padded to the word size */
	return c->compat32 ? 32 : 64;
}

static bool fetch_mmsghdr(const struct syscall_call *c, unsigned long addr,
			  struct tracee_msghdr *msg, unsigned *msg_len)
{
	unsigned char raw[64];
	size_t size = mmsghdr_size(c);
	if (tracee_read(c->tid, addr, raw, size) < 0)
		return false;
	msghdr_from_raw(c, raw, msg);
	memcpy(msg_len, raw + msghdr_size(c), sizeof *msg_len);
	return true;
}

/* "{tv_sec=S, tv_nsec=N}", "NULL" or the pointer (strace's sprint_timespec). */
static void format_timespec(const struct syscall_call *c, bool at_exit, unsigned long addr,
			    char *buf, size_t size)
{
	if (!addr) {
		snprintf(buf, size, "NULL");
		return;
	}
	long long sec;
	unsigned long long nsec;
	if (c->compat32) {
		int32_t t[2];
		if (!fetch(c, at_exit, addr, t, sizeof t)) {
			snprintf(buf, size, "%#lx", addr);
			return;
		}
		sec = t[0];
		nsec = (uint32_t)t[1];
	} else {
		int64_t t[2];
		if (!fetch(c, at_exit, addr, t, sizeof t)) {
			snprintf(buf, size, "%#lx", addr);
			return;
		}
		sec = t[0];
		nsec = (uint64_t)t[1];
	}
	snprintf(buf, size, "{tv_sec=%lld, tv_nsec=%llu}", sec, nsec);
}

/* What the vector printer carries from one element to the next. */
struct mmsg_ctx {
	unsigned limit;            /* elements still shown before "..." */
	unsigned msg_len_count;    /* elements still shown with their msg_len */
	bool use_msg_len;          /* recvmmsg: show no more iovec data than msg_len */
	const int *user_namelen;   /* recvmmsg: namelens offered at entry, one per element */
};

static bool print_mmsghdr(struct syscall_call *c, struct strbuf *out, const void *elem, void *ctx)
{
	struct mmsg_ctx *mc = ctx;
	if (mc->limit == 0) {
		sb_puts(out, "...");
		return false;
	}
	mc->limit--;
	struct tracee_msghdr msg;
	unsigned msg_len;
	msghdr_from_raw(c, elem, &msg);
	memcpy(&msg_len, (const char *)elem + msghdr_size(c), sizeof msg_len);
	sb_puts(out, "{msg_hdr=");
	print_msghdr(c, out, &msg, mc->user_namelen,
		     mc->use_msg_len ? msg_len : (unsigned long)-1);
	if (mc->msg_len_count) {
		sb_printf(out, ", msg_len=%u", msg_len);
		mc->msg_len_count--;
	}
	sb_putc(out, '}');
	if (mc->user_namelen)
		mc->user_namelen++;
	return true;
}

/* bytes moved: the sum of msg_len over the messages the call handled. */
static void ev_mmsg_bytes(struct syscall_call *c)
{
	if (call_failed(c))
		return;
	long long total = 0;
	struct tracee_msghdr msg;
	unsigned msg_len;
	for (long i = 0; i < c->ret; i++) {
		if (!fetch_mmsghdr(c, c->args[1] + (unsigned long)i * mmsghdr_size(c), &msg, &msg_len))
			return;
		total += msg_len;
	}
	c->ev.bytes = total;
}

void decode_sendmmsg_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "send");
	print_fd(c, out, c->args[0]);
	sb_puts(out, ", ");
}

void decode_sendmmsg_exit(struct syscall_call *c, struct strbuf *out)
{
	struct mmsg_ctx mc = {
		.limit = IOV_MAX, .msg_len_count = call_failed(c) ? 0 : (unsigned)c->ret,
	};
	/* strace reads the vector even when the call failed. */
	print_array(c, out, false, c->args[1], (unsigned)c->args[2], mmsghdr_size(c),
		    print_mmsghdr, &mc);
	sb_printf(out, ", %u, ", (unsigned)c->args[2]);
	print_msg_flags(out, c->args[3]);
	ev_mmsg_bytes(c);
}

void decode_recvmmsg_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "recv");
	print_fd(c, out, c->args[0]);
	sb_puts(out, ", ");
	unsigned long vlen = c->args[2] > IOV_MAX ? IOV_MAX : c->args[2];
	struct mmsg_entry_state *st = malloc(sizeof *st + vlen * sizeof(int));
	c->saved[0] = (unsigned long)st;
	if (!st)
		return;
	format_timespec(c, false, c->args[4], st->timeout, sizeof st->timeout);
	unsigned i;
	for (i = 0; i < vlen; i++) {
		struct tracee_msghdr msg;
		unsigned msg_len;
		if (!fetch_mmsghdr(c, c->args[1] + i * mmsghdr_size(c), &msg, &msg_len))
			break;
		st->namelen[i] = (int)msg.namelen;
	}
	st->count = i;
}

void decode_recvmmsg_exit(struct syscall_call *c, struct strbuf *out)
{
	struct mmsg_entry_state *st = (struct mmsg_entry_state *)c->saved[0];
	c->saved[0] = 0;
	/* On failure the return value is -1: the vector length strace passes on is huge. */
	struct mmsg_ctx mc = {
		.limit = st ? st->count : IOV_MAX, .msg_len_count = (unsigned)c->ret,
		.use_msg_len = true, .user_namelen = st ? st->namelen : NULL,
	};
	print_array(c, out, true, c->args[1], (unsigned)c->ret, mmsghdr_size(c), print_mmsghdr,
		    &mc);
	sb_printf(out, ", %u, ", (unsigned)c->args[2]);
	print_msg_flags(out, c->args[3]);
	sb_printf(out, ", %s", st ? st->timeout : "");
	free(st);
	ev_mmsg_bytes(c);
	if (call_failed(c))
		return;
	if (c->ret == 0) {
		snprintf(c->rval_suffix, sizeof c->rval_suffix, " (Timeout)");
		return;
	}
	if (!c->args[4])
		return;
	char left[64];
	format_timespec(c, true, c->args[4], left, sizeof left);
	snprintf(c->rval_suffix, sizeof c->rval_suffix, " (left %s)", left);
}

void decode_recvmmsg_discard(struct syscall_call *c)
{
	free((void *)c->saved[0]);
	c->saved[0] = 0;
}
