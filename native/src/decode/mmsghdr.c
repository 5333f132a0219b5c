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

/*
 * The vector: at most `limit` elements are shown (then "..."), msg_len only for the first
 * msg_len_count ones, and never more elements than -s. Unreadable: the pointer.
 */
struct mmsg_print {
	unsigned long addr, vlen;
	unsigned msg_len_count, limit;
	bool use_msg_len;          /* recvmmsg: show no more iovec data than msg_len */
	const int *user_namelen;   /* recvmmsg: namelens offered at entry */
	bool fetch_after_failure;  /* sendmmsg reads the vector even when the call failed */
};

static void print_mmsg_vector(struct syscall_call *c, struct strbuf *out,
			      const struct mmsg_print *p)
{
	if (!p->addr) {
		sb_puts(out, "NULL");
		return;
	}
	if (p->vlen == 0) {
		sb_puts(out, "[]");
		return;
	}
	size_t size = mmsghdr_size(c);
	unsigned long end = p->addr + p->vlen * size;
	if (end <= p->addr || (end - p->addr) / size != p->vlen) {
		print_addr(out, p->addr);
		return;
	}
	bool readable = p->fetch_after_failure || !call_failed(c);
	unsigned long shown = (unsigned long)(c->strsize < 0 ? 0 : c->strsize);
	unsigned remaining = p->limit, with_len = p->msg_len_count;
	const int *namelen = p->user_namelen;
	for (unsigned long i = 0; i < p->vlen; i++) {
		unsigned long cur = p->addr + i * size;
		struct tracee_msghdr msg;
		unsigned msg_len;
		if (i)
			sb_puts(out, ", ");
		if (!readable || !fetch_mmsghdr(c, cur, &msg, &msg_len)) {
			if (i == 0) {
				print_addr(out, cur);
				return;
			}
			sb_printf(out, "... /* %#lx */", cur);
			break;
		}
		if (i == 0)
			sb_putc(out, '[');
		if (i >= shown || remaining == 0) {
			sb_puts(out, "...");
			break;
		}
		remaining--;
		sb_puts(out, "{msg_hdr=");
		print_msghdr(c, out, &msg, namelen, p->use_msg_len ? msg_len : (unsigned long)-1);
		if (with_len) {
			sb_printf(out, ", msg_len=%u", msg_len);
			with_len--;
		}
		sb_putc(out, '}');
		if (namelen)
			namelen++;
	}
	sb_putc(out, ']');
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
	print_fd(out, c->args[0]);
	sb_puts(out, ", ");
}

void decode_sendmmsg_exit(struct syscall_call *c, struct strbuf *out)
{
	struct mmsg_print p = {
		.addr = c->args[1], .vlen = c->args[2],
		.msg_len_count = call_failed(c) ? 0 : (unsigned)c->ret,
		.limit = IOV_MAX, .fetch_after_failure = true,
	};
	print_mmsg_vector(c, out, &p);
	sb_printf(out, ", %u, ", (unsigned)c->args[2]);
	print_msg_flags(out, c->args[3]);
	ev_mmsg_bytes(c);
}

void decode_recvmmsg_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "recv");
	print_fd(out, c->args[0]);
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
	unsigned long vlen = (unsigned long)(unsigned)c->ret;
	struct mmsg_print p = {
		.addr = c->args[1], .vlen = vlen, .msg_len_count = (unsigned)c->ret,
		.limit = st ? st->count : IOV_MAX, .use_msg_len = true,
		.user_namelen = st ? st->namelen : NULL,
	};
	print_mmsg_vector(c, out, &p);
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
