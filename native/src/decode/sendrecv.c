/* sendto, recvfrom and sendfile: flat buffers. */
#include <stdint.h>
#include <stdlib.h>

#include "decode/decoders.h"
#include "decode/event.h"
#include "decode/netlink.h"
#include "decode/print.h"
#include "decode/sockaddr.h"
#include "decode/xlat.h"

void print_msg_flags(struct strbuf *out, unsigned long flags)
{
	print_flags(out, &xlat_msg_flags, flags, "MSG_???");
}

/*
 * A send or receive buffer: netlink messages on a netlink socket, else a string. The bytes
 * are copied once, for both the netlink question and the string.
 */
static void print_sockbuf(struct syscall_call *c, struct strbuf *out, unsigned long addr,
			  unsigned long len)
{
	size_t size = str_fetch_size(c, len);
	/* A tiny -s still needs nlmsg_len for the question. */
	size_t copy = len >= 16 && size < 4 ? 4 : size;
	unsigned char small[256];
	unsigned char *buf = copy <= sizeof small ? small : malloc(copy);
	bool copied = buf && addr && tracee_read(c->tid, addr, buf, copy) == 0;
	int fd = (int)c->args[0];
	if (sockbuf_is_netlink(c, fd, buf, copied ? copy : 0, len))
		decode_netlink(c, out, netlink_protocol_of(c, fd), addr, len);
	else if (copied)
		print_fetched_str(c, out, buf, len, QUOTE_OCTAL);
	else
		print_addr(out, addr);
	if (buf != small)
		free(buf);
}

void decode_sendto_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "send");
	print_fd(c, out, c->args[0]);
	sb_puts(out, ", ");
	print_sockbuf(c, out, c->args[1], c->args[2]);
	sb_printf(out, ", %lu, ", c->args[2]);
	print_msg_flags(out, c->args[3]);
	sb_puts(out, ", ");
	int addrlen = (int)c->args[5];
	decode_sockaddr(c, out, c->args[4], addrlen, c->ev.remote);
	sb_printf(out, ", %d", addrlen);
}

void decode_sendto_exit(struct syscall_call *c, struct strbuf *out)
{
	(void)out;
	ev_bytes_from_ret(c);
	if (ev_wants_data(c))
		ev_data_from_buffer(c, c->args[1], c->args[2]);
}

enum { SAVED_ULEN };

void decode_recvfrom_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "recv");
	print_fd(c, out, c->args[0]);
	sb_puts(out, ", ");
	int ulen = 0;
	if (c->args[4])
		fetch(c, false, c->args[5], &ulen, sizeof ulen);
	c->saved[SAVED_ULEN] = (unsigned)ulen;
}

static void print_recvfrom_rest(struct syscall_call *c, struct strbuf *out)
{
	bool failed = call_failed(c);
	if (failed) {
		print_addr(out, c->args[1]);
	} else {
		unsigned long got = (unsigned long)c->ret;
		print_sockbuf(c, out, c->args[1], got < c->args[2] ? got : c->args[2]);
	}
	sb_printf(out, ", %lu, ", c->args[2]);
	print_msg_flags(out, c->args[3]);
	sb_puts(out, ", ");
	ev_bytes_from_ret(c);

	int ulen = (int)c->saved[SAVED_ULEN], rlen;
	/* strace re-reads the length even after a failure, and needs it to print anything. */
	if (!c->args[4] || !fetch(c, false, c->args[5], &rlen, sizeof rlen)) {
		print_addr(out, c->args[4]);
		sb_puts(out, ", ");
		print_addr(out, c->args[5]);
		return;
	}
	if (failed) {
		print_addr(out, c->args[4]);
		sb_printf(out, ", [%d]", ulen);
		return;
	}
	decode_sockaddr(c, out, c->args[4], ulen > rlen ? rlen : ulen, c->ev.remote);
	if (ulen != rlen)
		sb_printf(out, ", [%d => %d]", ulen, rlen);
	else
		sb_printf(out, ", [%d]", rlen);
}

void decode_recvfrom_exit(struct syscall_call *c, struct strbuf *out)
{
	print_recvfrom_rest(c, out); /* the returned address tells whether the peer is DNS */
	if (ev_wants_data(c))
		ev_data_from_buffer(c, c->args[1], c->args[2]);
}

/* printnum_int64: "[N]" or the pointer. */
static bool print_u64_at(const struct syscall_call *c, bool at_exit, struct strbuf *out,
			 unsigned long addr)
{
	uint64_t val;
	if (!fetch(c, at_exit, addr, &val, sizeof val)) {
		print_addr(out, addr);
		return false;
	}
	sb_printf(out, "[%llu]", (unsigned long long)val);
	return true;
}

/* sendfile(out, in, [offset] => [new offset], count): only the offset is value-result. */
void decode_sendfile_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "send");
	print_fd(c, out, c->args[0]);
	sb_puts(out, ", ");
	print_fd(c, out, c->args[1]);
	sb_puts(out, ", ");
	c->saved[0] = print_u64_at(c, false, out, c->args[2]);
	c->entry_complete = !c->saved[0];
	if (c->entry_complete)
		sb_printf(out, ", %lu", c->args[3]);
}

void decode_sendfile_exit(struct syscall_call *c, struct strbuf *out)
{
	ev_bytes_from_ret(c);
	if (!c->saved[0])
		return;
	if (!call_failed(c) && c->ret) {
		sb_puts(out, " => ");
		print_u64_at(c, true, out, c->args[2]);
	}
	sb_printf(out, ", %lu", c->args[3]);
}
