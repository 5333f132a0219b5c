/* sendmsg and recvmsg, and the struct msghdr printer that sendmmsg/recvmmsg share. */
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "decode/array.h"
#include "decode/cmsg.h"
#include "decode/decoders.h"
#include "decode/event.h"
#include "decode/msghdr.h"
#include "decode/netlink.h"
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

/* Not a netlink protocol number: the iovecs hold plain data. */
#define NOT_NETLINK (-2)

/* What the iovec printer carries from one element to the next. */
struct iov_ctx {
	unsigned long data_size;   /* bytes still to show; (unsigned long)-1: no limit */
	int netlink_protocol;
};

/* {iov_base="...", iov_len=N}: an element of two tracee words. */
static bool print_iovec(struct syscall_call *c, struct strbuf *out, const void *elem, void *ctx)
{
	struct iov_ctx *ic = ctx;
	unsigned long base, len;
	if (c->compat32) {
		const uint32_t *w = elem;
		base = w[0];
		len = w[1];
	} else {
		const unsigned long *w = elem;
		base = w[0];
		len = w[1];
	}
	unsigned long shown = len > ic->data_size ? ic->data_size : len;
	if (ic->data_size != (unsigned long)-1)
		ic->data_size -= shown;
	sb_puts(out, "{iov_base=");
	if (ic->netlink_protocol == NOT_NETLINK)
		print_strn(c, out, base, shown, false);
	else
		decode_netlink(c, out, ic->netlink_protocol, base, shown);
	sb_printf(out, ", iov_len=%lu}", len);
	return true;
}

void print_msghdr(struct syscall_call *c, struct strbuf *out, const struct tracee_msghdr *msg,
		  const int *user_namelen, unsigned long data_size)
{
	int namelen = user_namelen && (int)msg->namelen > *user_namelen ? *user_namelen
									  : (int)msg->namelen;
	sb_puts(out, "{msg_name=");
	char *endpoint = c->ev.remote[0] ? NULL : c->ev.remote;
	int family = decode_sockaddr(c, out, msg->name, namelen, endpoint);
	/* strace decodes the data as netlink messages when the address is a netlink one. */
	int netlink_protocol = family == AF_NETLINK ? netlink_protocol_of(c, (int)c->args[0])
						    : NOT_NETLINK;
	sb_puts(out, ", msg_namelen=");
	if (user_namelen && *user_namelen != (int)msg->namelen)
		sb_printf(out, "%d => ", *user_namelen);
	sb_printf(out, "%d, msg_iov=", (int)msg->namelen);
	/* Each buffer is cut at -s, and no more than data_size bytes are shown in all. */
	struct iov_ctx ic = { data_size, netlink_protocol };
	print_array(c, out, false, msg->iov, msg->iovlen, c->compat32 ? 8 : 16, print_iovec, &ic);
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
	print_fd(c, out, c->args[0]);
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
	struct tracee_msghdr msg;
	if (ev_wants_data(c) && fetch_msghdr(c, c->args[1], &msg))
		ev_data_from_iovecs(c, msg.iov, msg.iovlen);
}

/* recvmsg keeps the namelen the caller offered, to print "offered => returned". */
enum { SAVED_NAMELEN, SAVED_DEFERRED };

void decode_recvmsg_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "recv");
	print_fd(c, out, c->args[0]);
	sb_puts(out, ", ");
	struct tracee_msghdr msg;
	c->saved[SAVED_DEFERRED] = fetch_msghdr(c, c->args[1], &msg);
	if (c->saved[SAVED_DEFERRED]) {
		c->saved[SAVED_NAMELEN] = msg.namelen;
		return;
	}
	c->entry_complete = true;
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
	else if (fetch_msghdr(c, c->args[1], &msg)) {
		print_msghdr(c, out, &msg, &namelen, (unsigned long)c->ret);
		if (ev_wants_data(c)) /* after print_msghdr: the returned address tells */
			ev_data_from_iovecs(c, msg.iov, msg.iovlen);
	} else
		print_addr(out, c->args[1]);
	sb_puts(out, ", ");
	print_msg_flags(out, c->args[2]);
}
