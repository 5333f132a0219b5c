/* sendmsg and recvmsg, and the struct msghdr printer that sendmmsg/recvmmsg share. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "decode/cmsg.h"
#include "decode/decoders.h"
#include "decode/msghdr.h"
#include "decode/print.h"
#include "decode/sockaddr.h"

size_t msghdr_size(const struct syscall_call *c)
{
	/* i386: seven 4-byte fields. */
	return c->compat32 ? 28 : sizeof(struct msghdr);
}

void msghdr_from_raw(const struct syscall_call *c, const void *raw, struct tracee_msghdr *msg)
{
	if (c->compat32) {
		uint32_t w[7];
		memcpy(w, raw, sizeof w);
		*msg = (struct tracee_msghdr){ w[0], w[1], w[2], w[3], w[4], w[5], w[6] };
		return;
	}
	struct msghdr m;
	memcpy(&m, raw, sizeof m);
	*msg = (struct tracee_msghdr){
		(unsigned long)m.msg_name, m.msg_namelen, (unsigned long)m.msg_iov,
		m.msg_iovlen, (unsigned long)m.msg_control, m.msg_controllen,
		(unsigned)m.msg_flags,
	};
}

bool fetch_msghdr(const struct syscall_call *c, unsigned long addr, struct tracee_msghdr *msg)
{
	unsigned char raw[sizeof(struct msghdr)];
	if (!addr || tracee_read(c->tid, addr, raw, msghdr_size(c)) < 0)
		return false;
	msghdr_from_raw(c, raw, msg);
	return true;
}

/* One iovec element (two tracee words); false when unreadable. */
static bool fetch_iovec(const struct syscall_call *c, unsigned long addr, unsigned long *base,
			unsigned long *len)
{
	if (c->compat32) {
		uint32_t w[2];
		if (tracee_read(c->tid, addr, w, sizeof w) < 0)
			return false;
		*base = w[0];
		*len = w[1];
		return true;
	}
	unsigned long w[2];
	if (tracee_read(c->tid, addr, w, sizeof w) < 0)
		return false;
	*base = w[0];
	*len = w[1];
	return true;
}

/*
 * The iovec array: each buffer cut at -s, at most data_size bytes in all, and no more than -s
 * elements (strace abbreviates long arrays the same way as long strings).
 */
static void print_iov_upto(struct syscall_call *c, struct strbuf *out, unsigned long count,
			   unsigned long addr, unsigned long data_size)
{
	if (!addr) {
		sb_puts(out, "NULL");
		return;
	}
	if (count == 0) {
		sb_puts(out, "[]");
		return;
	}
	unsigned long elem = c->compat32 ? 8 : 16;
	unsigned long end = addr + count * elem;
	if (end <= addr || (end - addr) / elem != count) {
		print_addr(out, addr);
		return;
	}
	unsigned long shown = (unsigned long)(c->strsize < 0 ? 0 : c->strsize);
	for (unsigned long i = 0; i < count; i++) {
		unsigned long cur = addr + i * elem, base, len;
		if (i)
			sb_puts(out, ", ");
		if (!fetch_iovec(c, cur, &base, &len)) {
			if (i == 0) {
				print_addr(out, cur);
				return;
			}
			sb_printf(out, "... /* %#lx */", cur);
			break;
		}
		if (i == 0)
			sb_putc(out, '[');
		if (i >= shown) {
			sb_puts(out, "...");
			break;
		}
		unsigned long printed = len > data_size ? data_size : len;
		if (data_size != (unsigned long)-1)
			data_size -= printed;
		sb_puts(out, "{iov_base=");
		print_strn(c, out, base, printed, false);
		sb_printf(out, ", iov_len=%lu}", len);
	}
	sb_putc(out, ']');
}

void print_msghdr(struct syscall_call *c, struct strbuf *out, const struct tracee_msghdr *msg,
		  const int *user_namelen, unsigned long data_size)
{
	int namelen = user_namelen && (int)msg->namelen > *user_namelen ? *user_namelen
									  : (int)msg->namelen;
	sb_puts(out, "{msg_name=");
	char *endpoint = c->ev.remote[0] ? NULL : c->ev.remote;
	decode_sockaddr(c, out, msg->name, namelen, endpoint);
	sb_puts(out, ", msg_namelen=");
	if (user_namelen && *user_namelen != (int)msg->namelen)
		sb_printf(out, "%d => ", *user_namelen);
	sb_printf(out, "%d, msg_iov=", (int)msg->namelen);
	print_iov_upto(c, out, msg->iovlen, msg->iov, data_size);
	sb_printf(out, ", msg_iovlen=%lu", msg->iovlen);
	if (msg->controllen) {
		sb_puts(out, ", msg_control=");
		print_cmsgs(c, out, msg->control, msg->controllen);
	}
	sb_printf(out, ", msg_controllen=%lu, msg_flags=", msg->controllen);
	print_msg_flags(out, msg->flags);
	sb_putc(out, '}');
}

void decode_sendmsg_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "send");
	print_fd(out, c->args[0]);
	sb_puts(out, ", ");
	struct tracee_msghdr msg;
	if (fetch_msghdr(c, c->args[1], &msg))
		print_msghdr(c, out, &msg, NULL, (unsigned long)-1);
	else
		print_addr(out, c->args[1]);
	sb_puts(out, ", ");
	print_msg_flags(out, c->args[2]);
}

void decode_sendmsg_exit(struct syscall_call *c, struct strbuf *out)
{
	(void)out;
	ev_bytes_from_ret(c);
}

/* recvmsg keeps the namelen the caller offered, to print "offered => returned". */
enum { SAVED_NAMELEN, SAVED_DEFERRED };

void decode_recvmsg_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "recv");
	print_fd(out, c->args[0]);
	sb_puts(out, ", ");
	struct tracee_msghdr msg;
	c->saved[SAVED_DEFERRED] = fetch_msghdr(c, c->args[1], &msg);
	if (c->saved[SAVED_DEFERRED]) {
		c->saved[SAVED_NAMELEN] = msg.namelen;
		return;
	}
	print_addr(out, c->args[1]);
	sb_puts(out, ", ");
	print_msg_flags(out, c->args[2]);
}

void decode_recvmsg_exit(struct syscall_call *c, struct strbuf *out)
{
	ev_bytes_from_ret(c);
	if (!c->saved[SAVED_DEFERRED])
		return;
	int namelen = (int)c->saved[SAVED_NAMELEN];
	struct tracee_msghdr msg;
	if (call_failed(c))
		sb_printf(out, "{msg_namelen=%d}", namelen);
	else if (fetch_msghdr(c, c->args[1], &msg))
		print_msghdr(c, out, &msg, &namelen, (unsigned long)c->ret);
	else
		print_addr(out, c->args[1]);
	sb_puts(out, ", ");
	print_msg_flags(out, c->args[2]);
}
