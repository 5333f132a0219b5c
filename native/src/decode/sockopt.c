/* setsockopt and getsockopt: level and option names, and the option values strace decodes. */
#include <arpa/inet.h>
#include <linux/icmp.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <linux/if_packet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "decode/decoders.h"
#include "decode/print.h"
#include "decode/sockaddr.h"
#include "decode/xlat.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

static void print_level_and_name(struct syscall_call *c, struct strbuf *out, bool is_get)
{
	unsigned level = (unsigned)c->args[1], name = (unsigned)c->args[2];
	print_fd(out, c->args[0]);
	sb_puts(out, ", ");
	print_xval(out, &xlat_socketlayers, level, "SOL_??");
	sb_puts(out, ", ");
	const struct xlat *common = NULL, *specific = NULL;
	const char *dflt = NULL;
	switch (level) {
	case SOL_SOCKET:
		common = &xlat_sock_options;
		specific = is_get ? &xlat_getsock_options : &xlat_setsock_options;
		dflt = "SO_???";
		break;
	case SOL_IP:
		common = &xlat_sock_ip_options;
		specific = is_get ? &xlat_getsock_ip_options : &xlat_setsock_ip_options;
		dflt = "IP_???";
		break;
	case SOL_IPV6:
		common = &xlat_sock_ipv6_options;
		specific = is_get ? &xlat_getsock_ipv6_options : &xlat_setsock_ipv6_options;
		dflt = "IPV6_???";
		break;
	case SOL_TCP:
		common = &xlat_sock_tcp_options;
		dflt = "TCP_???";
		break;
	case SOL_UDP:
		common = &xlat_sock_udp_options;
		dflt = "UDP_???";
		break;
	case SOL_NETLINK:
		common = &xlat_sock_netlink_options;
		dflt = "NETLINK_???";
		break;
	case SOL_PACKET:
		common = &xlat_sock_packet_options;
		dflt = "PACKET_???";
		break;
	case SOL_RAW:
		common = &xlat_sock_raw_options;
		dflt = "RAW_???";
		break;
	default:
		/* Levels strace has no names for print the option as a number. */
		sb_printf(out, "%u", name);
		return;
	}
	const char *found = xlat_name(common, name);
	if (!found && specific)
		found = xlat_name(specific, name);
	if (found)
		sb_puts(out, found);
	else
		sb_printf(out, "%#x /* %s */", name, dflt);
}

/* SOL_SOCKET options whose value strace prints as an int. */
static bool is_int_socket_option(unsigned name)
{
	static const unsigned ints[] = {
		SO_DEBUG, SO_REUSEADDR, SO_DONTROUTE, SO_BROADCAST, SO_SNDBUF, SO_RCVBUF,
		SO_KEEPALIVE, SO_OOBINLINE, SO_NO_CHECK, SO_PRIORITY, SO_BSDCOMPAT, SO_REUSEPORT,
		SO_PASSCRED, SO_RCVLOWAT, SO_SNDLOWAT, SO_DETACH_FILTER, SO_TIMESTAMP_OLD,
		SO_ACCEPTCONN, SO_SNDBUFFORCE, SO_RCVBUFFORCE, SO_PASSSEC, SO_TIMESTAMPNS_OLD,
		SO_MARK, SO_TIMESTAMPING_OLD, SO_RXQ_OVFL, SO_WIFI_STATUS, SO_PEEK_OFF, SO_NOFCS,
		SO_LOCK_FILTER, SO_SELECT_ERR_QUEUE, SO_BUSY_POLL, SO_INCOMING_CPU, SO_CNX_ADVICE,
		SO_INCOMING_NAPI_ID, SO_ZEROCOPY, SO_TIMESTAMP_NEW, SO_TIMESTAMPNS_NEW,
		SO_TIMESTAMPING_NEW, SO_DETACH_REUSEPORT_BPF, SO_PREFER_BUSY_POLL,
		SO_BUSY_POLL_BUDGET, SO_RESERVE_MEM, SO_RCVMARK,
	};
	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
		if (ints[i] == name)
			return true;
	return false;
}

/* Copies len bytes or prints the pointer (umoven_or_printaddr). */
static bool fetch_or_addr(struct syscall_call *c, bool at_exit, struct strbuf *out,
			  unsigned long addr, void *buf, size_t len)
{
	if (fetch(c, at_exit, addr, buf, len))
		return true;
	print_addr(out, addr);
	return false;
}

/*
 * Prints the fields of a structure that fit in len bytes; a field cut by len shows its bytes
 * in hex (strace's MAYBE_PRINT_FIELD_LEN). Fields are 4-byte ints here.
 */
struct int_field {
	const char *name;
	bool is_id;   /* uid/gid: -1 prints as -1, others unsigned */
	bool is_signed;
};

static void print_int_fields(struct strbuf *out, const void *buf, unsigned len,
			     const struct int_field *fields, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		unsigned start = (unsigned)(i * 4);
		if (len <= start)
			break;
		sb_puts(out, i ? ", " : "{");
		sb_printf(out, "%s=", fields[i].name);
		const unsigned char *p = (const unsigned char *)buf + start;
		if (len < start + 4) {
			print_quoted(out, p, len - start, -1, true);
			continue;
		}
		int v;
		memcpy(&v, p, sizeof v);
		if (fields[i].is_signed || (fields[i].is_id && v == -1))
			sb_printf(out, "%d", v);
		else
			sb_printf(out, "%u", (unsigned)v);
	}
	sb_putc(out, '}');
}

static void print_get_linger(struct syscall_call *c, struct strbuf *out, unsigned long addr,
			     unsigned len)
{
	static const struct int_field fields[] = { { "l_onoff", false, true }, { "l_linger", false, true } };
	struct linger l;
	if (len > sizeof l)
		len = sizeof l;
	if (fetch_or_addr(c, true, out, addr, &l, len))
		print_int_fields(out, &l, len, fields, 2);
}

static void print_get_ucred(struct syscall_call *c, struct strbuf *out, unsigned long addr,
			    unsigned len)
{
	static const struct int_field fields[] = {
		{ "pid", false, true }, { "uid", true, false }, { "gid", true, false },
	};
	struct ucred uc;
	if (len > sizeof uc)
		len = sizeof uc;
	if (fetch_or_addr(c, true, out, addr, &uc, len))
		print_int_fields(out, &uc, len, fields, 3);
}

static void print_get_error(struct syscall_call *c, struct strbuf *out, unsigned long addr,
			    unsigned len)
{
	unsigned err;
	if (len < sizeof err) {
		print_strn(c, out, addr, len, true);
		return;
	}
	if (!fetch_or_addr(c, true, out, addr, &err, sizeof err))
		return;
	const char *name = errno_name(err);
	if (name)
		sb_printf(out, "[%s]", name);
	else
		sb_printf(out, "[%u]", err);
}

static void print_txrehash(struct syscall_call *c, bool at_exit, struct strbuf *out,
			   unsigned long addr, int len)
{
	int val;
	if (len < (int)sizeof val) {
		if (at_exit)
			print_strn(c, out, addr, (unsigned long)len, true);
		else
			print_addr(out, addr);
		return;
	}
	if (!fetch_or_addr(c, at_exit, out, addr, &val, sizeof val))
		return;
	sb_putc(out, '[');
	print_xval_d(out, &xlat_sockopt_txrehash_vals, val, "SOCK_TXREHASH_???");
	sb_putc(out, ']');
}

/* ICMP_FILTER: the set bits, or "~" and the clear ones when most are set. */
static void print_icmp_filter(struct syscall_call *c, bool at_exit, struct strbuf *out,
			      unsigned long addr, int len)
{
	struct icmp_filter filter = { ~0U };
	if (len > (int)sizeof filter) {
		len = sizeof filter;
	} else if (len <= 0) {
		print_addr(out, addr);
		return;
	}
	if (!fetch_or_addr(c, at_exit, out, addr, &filter, (size_t)len))
		return;
	uint32_t bits = filter.data;
	if (__builtin_popcount(bits) > 16) {
		bits = ~bits;
		sb_putc(out, '~');
	}
	sb_putc(out, '[');
	bool first = true;
	for (unsigned i = 0; i < 32; i++) {
		if (!(bits & (1U << i)))
			continue;
		if (!first)
			sb_putc(out, ' ');
		first = false;
		print_xval(out, &xlat_icmp_filter_flags, i, "ICMP_???");
	}
	sb_putc(out, ']');
}

/* Options without a decoder: an int when exactly int-sized, else the bytes (printstrn). */
static void print_default_value(struct syscall_call *c, bool at_exit, struct strbuf *out,
				unsigned long addr, int len)
{
	if (len == (int)sizeof(int))
		print_int_at(c, at_exit, out, addr);
	else
		print_strn(c, out, addr, (unsigned long)(long)len, false);
}

static void print_get_value(struct syscall_call *c, struct strbuf *out, int ulen, int rlen)
{
	unsigned level = (unsigned)c->args[1], name = (unsigned)c->args[2];
	unsigned long addr = c->args[3];
	if (ulen <= 0 || rlen <= 0) {
		/* The kernel never returns a negative length: userspace forged it. */
		print_addr(out, addr);
		return;
	}
	if (addr) {
		switch (level) {
		case SOL_SOCKET:
			switch (name) {
			case SO_LINGER:
				print_get_linger(c, out, addr, (unsigned)rlen);
				return;
			case SO_PEERCRED:
				print_get_ucred(c, out, addr, (unsigned)rlen);
				return;
			case SO_ERROR:
				print_get_error(c, out, addr, (unsigned)rlen);
				return;
			case SO_TXREHASH:
				print_txrehash(c, true, out, addr, rlen);
				return;
			}
			if (is_int_socket_option(name)) {
				if (rlen >= (int)sizeof(int))
					print_int_at(c, true, out, addr);
				else
					print_strn(c, out, addr, (unsigned long)rlen, true);
				return;
			}
			break;
		case SOL_RAW:
			if (name == ICMP_FILTER) {
				print_icmp_filter(c, true, out, addr, rlen);
				return;
			}
			break;
		case SOL_NETLINK:
			print_int_at(c, true, out, addr);
			return;
		}
	}
	print_default_value(c, true, out, addr, rlen);
}

void decode_getsockopt_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "getsockopt");
	print_level_and_name(c, out, true);
	sb_puts(out, ", ");
	int ulen;
	c->saved[1] = fetch(c, false, c->args[4], &ulen, sizeof ulen);
	if (c->saved[1]) {
		c->saved[0] = (unsigned)ulen;
		return;
	}
	print_addr(out, c->args[3]);
	sb_puts(out, ", ");
	print_addr(out, c->args[4]);
}

void decode_getsockopt_exit(struct syscall_call *c, struct strbuf *out)
{
	if (!c->saved[1])
		return;
	int ulen = (int)c->saved[0], rlen;
	if (!fetch(c, true, c->args[4], &rlen, sizeof rlen)) {
		print_addr(out, c->args[3]);
		sb_printf(out, ", [%d]", ulen);
		return;
	}
	print_get_value(c, out, ulen, rlen);
	if (ulen != rlen)
		sb_printf(out, ", [%d => %d]", ulen, rlen);
	else
		sb_printf(out, ", [%d]", rlen);
}

static void print_set_linger(struct syscall_call *c, struct strbuf *out, unsigned long addr,
			     int len)
{
	struct linger l;
	if (len < (int)sizeof l) {
		print_addr(out, addr);
		return;
	}
	if (fetch_or_addr(c, false, out, addr, &l, sizeof l))
		sb_printf(out, "{l_onoff=%d, l_linger=%d}", l.l_onoff, l.l_linger);
}

static void print_inet_addr(struct strbuf *out, const char *field, const struct in_addr *a)
{
	char ip[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, a, ip, sizeof ip);
	sb_printf(out, "%s=inet_addr(\"%s\")", field, ip);
}

static void print_mreq(struct syscall_call *c, struct strbuf *out, unsigned long addr, int len)
{
	struct ip_mreq mreq;
	if (len < (int)sizeof mreq) {
		print_addr(out, addr);
		return;
	}
	if (!fetch_or_addr(c, false, out, addr, &mreq, sizeof mreq))
		return;
	sb_putc(out, '{');
	print_inet_addr(out, "imr_multiaddr", &mreq.imr_multiaddr);
	sb_puts(out, ", ");
	print_inet_addr(out, "imr_interface", &mreq.imr_interface);
	sb_putc(out, '}');
}

static void print_mreq6(struct syscall_call *c, struct strbuf *out, unsigned long addr, int len)
{
	struct ipv6_mreq mreq;
	if (len < (int)sizeof mreq) {
		print_addr(out, addr);
		return;
	}
	if (!fetch_or_addr(c, false, out, addr, &mreq, sizeof mreq))
		return;
	char ip[INET6_ADDRSTRLEN];
	inet_ntop(AF_INET6, &mreq.ipv6mr_multiaddr, ip, sizeof ip);
	sb_printf(out, "{inet_pton(AF_INET6, \"%s\", &ipv6mr_multiaddr), ipv6mr_interface=", ip);
	print_ifindex(out, mreq.ipv6mr_interface);
	sb_putc(out, '}');
}

static void print_group_req(struct syscall_call *c, struct strbuf *out, unsigned long addr,
			    int len)
{
	struct group_req greq;
	if (len < (int)sizeof greq) {
		print_addr(out, addr);
		return;
	}
	if (!fetch_or_addr(c, false, out, addr, &greq, sizeof greq))
		return;
	sb_puts(out, "{gr_interface=");
	print_ifindex(out, greq.gr_interface);
	sb_puts(out, ", gr_group=");
	print_sockaddr(out, &greq.gr_group, sizeof greq.gr_group);
	sb_putc(out, '}');
}

static void print_tpacket_req(struct syscall_call *c, struct strbuf *out, unsigned long addr,
			      int len)
{
	struct tpacket_req req;
	if (len != (int)sizeof req || !fetch(c, false, addr, &req, sizeof req)) {
		print_addr(out, addr);
		return;
	}
	sb_printf(out, "{tp_block_size=%u, tp_block_nr=%u, tp_frame_size=%u, tp_frame_nr=%u}",
		  req.tp_block_size, req.tp_block_nr, req.tp_frame_size, req.tp_frame_nr);
}

static void print_set_value(struct syscall_call *c, struct strbuf *out)
{
	unsigned level = (unsigned)c->args[1], name = (unsigned)c->args[2];
	unsigned long addr = c->args[3];
	int len = (int)c->args[4];
	if (addr) {
		switch (level) {
		case SOL_SOCKET:
			switch (name) {
			case SO_LINGER:
				print_set_linger(c, out, addr, len);
				return;
			case SO_TXREHASH:
				print_txrehash(c, false, out, addr, len);
				return;
			}
			if (is_int_socket_option(name)) {
				if (len < (int)sizeof(int))
					print_addr(out, addr);
				else
					print_int_at(c, false, out, addr);
				return;
			}
			break;
		case SOL_IP:
			switch (name) {
			case IP_ADD_MEMBERSHIP:
			case IP_DROP_MEMBERSHIP:
				print_mreq(c, out, addr, len);
				return;
			case MCAST_JOIN_GROUP:
			case MCAST_LEAVE_GROUP:
				print_group_req(c, out, addr, len);
				return;
			}
			break;
		case SOL_IPV6:
			switch (name) {
			case IPV6_ADD_MEMBERSHIP:
			case IPV6_DROP_MEMBERSHIP:
			case IPV6_JOIN_ANYCAST:
			case IPV6_LEAVE_ANYCAST:
				print_mreq6(c, out, addr, len);
				return;
			case MCAST_JOIN_GROUP:
			case MCAST_LEAVE_GROUP:
				print_group_req(c, out, addr, len);
				return;
			}
			break;
		case SOL_PACKET:
			switch (name) {
			case PACKET_RX_RING:
			case PACKET_TX_RING:
				print_tpacket_req(c, out, addr, len);
				return;
			}
			break;
		case SOL_RAW:
			if (name == ICMP_FILTER) {
				print_icmp_filter(c, false, out, addr, len);
				return;
			}
			break;
		case SOL_NETLINK:
			if (len < (int)sizeof(int))
				print_addr(out, addr);
			else
				print_int_at(c, false, out, addr);
			return;
		}
	}
	print_default_value(c, false, out, addr, len);
}

void decode_setsockopt_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "setsockopt");
	print_level_and_name(c, out, false);
	sb_puts(out, ", ");
	print_set_value(c, out);
	sb_printf(out, ", %d", (int)c->args[4]);
}
