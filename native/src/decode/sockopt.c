/* setsockopt and getsockopt: level and option names, and the option values strace decodes. */
#include <arpa/inet.h>
#include <linux/icmp.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "decode/array.h"
#include "decode/decoders.h"
#include "decode/event.h"
#include "decode/print.h"
#include "decode/sockaddr.h"
#include "decode/xlat.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Option names by level: a common table, then one for getsockopt or setsockopt only. */
struct level_options {
	unsigned level;
	const struct xlat *common, *get, *set;
	const char *dflt;
};

static const struct level_options level_options[] = {
	{ SOL_SOCKET, &xlat_sock_options, &xlat_getsock_options, &xlat_setsock_options, "SO_???" },
	{ SOL_IP, &xlat_sock_ip_options, &xlat_getsock_ip_options, &xlat_setsock_ip_options, "IP_???" },
	/* AF_VSOCK sockets take the address family as their option level. */
	{ 40, &xlat_sock_vsock_options, NULL, NULL, "SO_VM_???" },
	{ SOL_IPV6, &xlat_sock_ipv6_options, &xlat_getsock_ipv6_options, &xlat_setsock_ipv6_options, "IPV6_???" },
	{ 256, &xlat_sock_ipx_options, NULL, NULL, "IPX_???" },
	{ 257, &xlat_sock_ax25_options, NULL, NULL, "AX25_???" },
	{ SOL_PACKET, &xlat_sock_packet_options, NULL, NULL, "PACKET_???" },
	{ SOL_TCP, &xlat_sock_tcp_options, NULL, NULL, "TCP_???" },
	{ 101, &xlat_sock_can_raw_options, NULL, NULL, "CAN_RAW_???" },
	{ 132, &xlat_sock_sctp_options, NULL, NULL, "SCTP_???" },
	{ SOL_RAW, &xlat_sock_raw_options, NULL, NULL, "RAW_???" },
	{ SOL_NETLINK, &xlat_sock_netlink_options, NULL, NULL, "NETLINK_???" },
	{ SOL_UDP, &xlat_sock_udp_options, NULL, NULL, "UDP_???" },
	{ 266, &xlat_sock_irda_options, NULL, NULL, "IRLMP_???" },
	{ 268, &xlat_sock_llc_options, NULL, NULL, "LLC_OPT_???" },
	{ 269, &xlat_sock_dccp_options, NULL, NULL, "DCCP_SOCKOPT_???" },
	{ 271, &xlat_sock_tipc_options, NULL, NULL, "TIPC_???" },
	{ 272, &xlat_sock_rxrpc_options, NULL, NULL, "RXRPC_???" },
	{ 273, &xlat_sock_pppol2tp_options, NULL, NULL, "PPPOL2TP_SO_???" },
	{ 274, &xlat_sock_bluetooth_options, NULL, NULL, "BT_???" },
	{ 275, &xlat_sock_pnp_options, NULL, NULL, "PNPIPE_???" },
	{ 276, &xlat_sock_rds_options, NULL, NULL, "RDS_???" },
	{ 277, &xlat_sock_iucv_options, NULL, NULL, "SO_???" },
	{ 278, &xlat_sock_caif_options, NULL, NULL, "CAIFSO_???" },
	{ 279, &xlat_sock_alg_options, NULL, NULL, "ALG_???" },
	{ 280, &xlat_sock_nfcllcp_options, NULL, NULL, "NFC_LLCP_???" },
	{ 281, &xlat_sock_kcm_options, NULL, NULL, "KCM_???" },
	{ 282, &xlat_sock_tls_options, NULL, NULL, "TLS_???" },
	{ 283, &xlat_sock_xdp_options, NULL, NULL, "XDP_???" },
};

/* The option's level entry; NULL for levels strace has no option names for. */
static const struct level_options *options_of(unsigned level)
{
	for (size_t i = 0; i < sizeof level_options / sizeof level_options[0]; i++)
		if (level_options[i].level == level)
			return &level_options[i];
	return NULL;
}

static const char *option_name(const struct level_options *lo, unsigned name, bool is_get)
{
	const char *found = xlat_name(lo->common, name);
	const struct xlat *specific = is_get ? lo->get : lo->set;
	if (!found && specific)
		found = xlat_name(specific, name);
	return found;
}

static void print_level_and_name(struct syscall_call *c, struct strbuf *out, bool is_get)
{
	unsigned level = (unsigned)c->args[1], name = (unsigned)c->args[2];
	print_fd(c, out, c->args[0]);
	sb_puts(out, ", ");
	print_xval(out, &xlat_socketlayers, c->args[1], "SOL_??");
	sb_puts(out, ", ");
	c->ev.level = xlat_name(&xlat_socketlayers, c->args[1]);
	const struct level_options *lo = options_of(level);
	if (!lo) {
		/* Levels strace has no names for print the option as a number. */
		sb_printf(out, "%u", name);
		return;
	}
	const char *found = option_name(lo, name, is_get);
	c->ev.optname = found;
	if (found)
		sb_puts(out, found);
	else
		sb_printf(out, "%#x /* %s */", name, lo->dflt);
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
			print_quoted(out, p, len - start, true);
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

static void print_tpacket_stats(struct syscall_call *c, struct strbuf *out, unsigned long addr,
				unsigned len)
{
	static const struct int_field fields[] = {
		{ "tp_packets", false, false }, { "tp_drops", false, false },
		{ "tp_freeze_q_cnt", false, false },
	};
	unsigned stats[3];
	if (len > sizeof stats)
		len = sizeof stats;
	if (fetch_or_addr(c, true, out, addr, stats, len))
		print_int_fields(out, stats, len, fields, 3);
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
			case SO_ATTACH_FILTER:
				/* SO_GET_FILTER: the instructions, which strace shows only with -v */
				print_addr(out, addr);
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
		case SOL_PACKET:
			if (name == PACKET_STATISTICS) {
				print_tpacket_stats(c, out, addr, (unsigned)rlen);
				return;
			}
			break;
		case SOL_NETLINK:
			if (name == NETLINK_LIST_MEMBERSHIPS)
				/* the group bitmap, as an array of words */
				print_array(c, out, true, addr, (unsigned)(ulen < rlen ? ulen : rlen) / 4,
					    4, print_u32_elem, NULL);
			else
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
	c->entry_complete = true;
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
	ev_optval(c, true, c->args[3], rlen);
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

/*
 * SO_ATTACH_FILTER: strace shows the program only with -v; by default {len=N, filter=ADDR}.
 * struct sock_fprog is an unsigned short and a pointer, 8 or 16 bytes.
 */
static void print_set_fprog(struct syscall_call *c, struct strbuf *out, unsigned long addr,
			    int len)
{
	size_t word = c->compat32 ? 4 : 8;
	unsigned char raw[16];
	if (len != (int)(2 * word)) {
		print_addr(out, addr);
		return;
	}
	if (!fetch_or_addr(c, false, out, addr, raw, 2 * word))
		return;
	unsigned short count;
	unsigned long filter = 0;
	memcpy(&count, raw, sizeof count);
	if (word == 4) {
		uint32_t f;
		memcpy(&f, raw + 4, sizeof f);
		filter = f;
	} else {
		memcpy(&filter, raw + 8, sizeof filter);
	}
	sb_printf(out, "{len=%u, filter=", count);
	print_addr(out, filter);
	sb_putc(out, '}');
}

static void print_packet_mreq(struct syscall_call *c, struct strbuf *out, unsigned long addr,
			      int len)
{
	struct packet_mreq mreq;
	if (len != (int)sizeof mreq || !fetch(c, false, addr, &mreq, sizeof mreq)) {
		print_addr(out, addr);
		return;
	}
	sb_puts(out, "{mr_ifindex=");
	print_ifindex(out, (unsigned)mreq.mr_ifindex);
	sb_puts(out, ", mr_type=");
	print_xval(out, &xlat_packet_mreq_type, mreq.mr_type, "PACKET_MR_???");
	sb_printf(out, ", mr_alen=%u, mr_address=", mreq.mr_alen);
	size_t n = mreq.mr_alen < sizeof mreq.mr_address ? mreq.mr_alen : sizeof mreq.mr_address;
	for (size_t i = 0; i < n; i++)
		sb_printf(out, i ? ":%02x" : "%02x", mreq.mr_address[i]);
	sb_putc(out, '}');
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
			case SO_ATTACH_FILTER:
			case SO_ATTACH_REUSEPORT_CBPF:
				print_set_fprog(c, out, addr, len);
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
			case PACKET_ADD_MEMBERSHIP:
			case PACKET_DROP_MEMBERSHIP:
				print_packet_mreq(c, out, addr, len);
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
	ev_optval(c, false, c->args[3], (int)c->args[4]);
	sb_printf(out, ", %d", (int)c->args[4]);
}
