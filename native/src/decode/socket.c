/* socket, socketpair, bind, connect, listen, shutdown: calls whose arguments are all inputs. */
#include <arpa/inet.h>
#include <sys/socket.h>

#include "decode/decoders.h"
#include "decode/netlink.h"
#include "decode/print.h"
#include "decode/sockaddr.h"
#include "decode/xlat.h"

#define SOCK_TYPE_MASK 0xfu

/* The type in the low bits, then the flags: SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK. */
static void print_sock_type(struct strbuf *out, unsigned type)
{
	const char *name = xlat_name(&xlat_socktypes, type & SOCK_TYPE_MASK);
	if (name) {
		sb_puts(out, name);
		type &= ~SOCK_TYPE_MASK;
		if (!type)
			return;
		sb_putc(out, '|');
	}
	print_flags(out, &xlat_sock_type_flags, type, "SOCK_???");
}

/* The protocol is named by a table that depends on the family, as strace does. */
struct family_protocols {
	unsigned long family;
	const struct xlat *names;
	const char *dflt;
};

static const struct family_protocols family_protocols[] = {
	{ AF_INET, &xlat_inet_protocols, "IPPROTO_???" },
	{ AF_INET6, &xlat_inet_protocols, "IPPROTO_???" },
	{ AF_NETLINK, &xlat_netlink_protocols, "NETLINK_???" },
	/* strace 6.1 looks AF_IRDA protocols up in the CAN table. */
	{ AF_IRDA, &xlat_can_protocols, "IRDAPROTO_???" },
	{ AF_CAN, &xlat_can_protocols, "CAN_???" },
	{ AF_BLUETOOTH, &xlat_bt_protocols, "BTPROTO_???" },
	{ AF_RXRPC, &xlat_addrfams, "AF_???" },
	{ AF_ISDN, &xlat_isdn_protocols, "ISDN_P_???" },
	{ AF_PHONET, &xlat_phonet_protocols, "PN_PROTO_???" },
	{ AF_CAIF, &xlat_caif_protocols, "CAIFPROTO_???" },
	{ AF_NFC, &xlat_nfc_protocols, "NFC_SOCKPROTO_???" },
	{ AF_KCM, &xlat_kcm_protocols, "KCMPROTO_???" },
	{ AF_SMC, &xlat_smc_protocols, "SMCPROTO_???" },
};

static const struct family_protocols *protocols_of(unsigned long family)
{
	for (size_t i = 0; i < sizeof family_protocols / sizeof family_protocols[0]; i++)
		if (family_protocols[i].family == family)
			return &family_protocols[i];
	return NULL;
}

static void print_protocol(struct strbuf *out, unsigned long family, unsigned long protocol)
{
	const struct family_protocols *fp = protocols_of(family);
	if (fp) {
		print_xval(out, fp->names, protocol, fp->dflt);
	} else if (family == AF_PACKET) {
		sb_puts(out, "htons(");
		print_xval(out, &xlat_ethernet_protocols, ntohs((uint16_t)protocol), "ETH_P_???");
		sb_putc(out, ')');
	} else if (family == AF_AX25) {
		/* strace prints AX.25 protocols in its verbose style (all 64 bits), then the name. */
		const char *name = xlat_name(&xlat_ax25_protocols, protocol);
		sb_printf(out, "%#lx /* %s */", protocol, name ? name : "AX25_P_???");
	} else {
		sb_printf(out, "%lu", protocol);
	}
}

static void ev_socket_args(struct syscall_call *c)
{
	c->ev.fd = -1;
	c->ev.family = (int)c->args[0];
	c->ev.type = (int)(c->args[1] & SOCK_TYPE_MASK);
	c->ev.protocol = (int)c->args[2];
}

void decode_socket_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "socket");
	ev_socket_args(c);
	print_xval(out, &xlat_addrfams, c->args[0], "AF_???");
	sb_puts(out, ", ");
	print_sock_type(out, (unsigned)c->args[1]);
	sb_puts(out, ", ");
	print_protocol(out, c->args[0], c->args[2]);
}

void decode_socket_exit(struct syscall_call *c, struct strbuf *out)
{
	(void)out;
	if (call_failed(c))
		return;
	c->ev.new_fd = (int)c->ret;
	if (c->args[0] == AF_NETLINK)
		netlink_socket_opened(c->pid, (int)c->ret);
}

void decode_socketpair_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "socketpair");
	ev_socket_args(c);
	print_xval(out, &xlat_addrfams, c->args[0], "AF_???");
	sb_puts(out, ", ");
	print_sock_type(out, (unsigned)c->args[1]);
	/* Unlike socket(), strace prints socketpair's protocol as a plain number. */
	sb_printf(out, ", %lu, ", c->args[2]);
}

void decode_socketpair_exit(struct syscall_call *c, struct strbuf *out)
{
	int sv[2];
	if (!fetch(c, true, c->args[3], sv, sizeof sv)) {
		print_addr(out, c->args[3]);
		return;
	}
	/* An array like any other: strace abbreviates it after -s elements. */
	int shown = c->strsize < 2 ? (c->strsize < 0 ? 0 : c->strsize) : 2;
	sb_putc(out, '[');
	for (int i = 0; i < shown; i++) {
		if (i)
			sb_puts(out, ", ");
		print_fd(c, out, (unsigned)sv[i]);
	}
	if (shown < 2)
		sb_puts(out, shown ? ", ..." : "...");
	sb_putc(out, ']');
	c->ev.fd = sv[0];
	c->ev.new_fd = sv[1];
}

/* fd, address, length: bind and connect. */
static void print_fd_sockaddr_len(struct syscall_call *c, struct strbuf *out, char *endpoint)
{
	int addrlen = (int)c->args[2];
	print_fd(c, out, c->args[0]);
	sb_puts(out, ", ");
	c->ev.family = decode_sockaddr(c, out, c->args[1], addrlen, endpoint);
	sb_printf(out, ", %d", addrlen);
}

void decode_bind_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "bind");
	print_fd_sockaddr_len(c, out, c->ev.local);
}

void decode_connect_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "connect");
	print_fd_sockaddr_len(c, out, c->ev.remote);
}

void decode_listen_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "listen");
	print_fd(c, out, c->args[0]);
	sb_printf(out, ", %d", (int)c->args[1]);
}

void decode_shutdown_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "shutdown");
	print_fd(c, out, c->args[0]);
	sb_puts(out, ", ");
	print_xval(out, &xlat_shutdown_modes, c->args[1], "SHUT_???");
}

const char *family_name(int family)
{
	return xlat_name(&xlat_addrfams, (uint64_t)family);
}

const char *socktype_name(int type)
{
	return xlat_name(&xlat_socktypes, (unsigned)type & SOCK_TYPE_MASK);
}

const char *protocol_name(int family, int protocol)
{
	if (family == AF_PACKET)
		return xlat_name(&xlat_ethernet_protocols, ntohs((uint16_t)protocol));
	const struct family_protocols *fp = protocols_of((unsigned long)family);
	return fp ? xlat_name(fp->names, (uint64_t)protocol) : NULL;
}
