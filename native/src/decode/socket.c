/* socket, socketpair, bind, connect, listen, shutdown: calls whose arguments are all inputs. */
#include <arpa/inet.h>
#include <sys/socket.h>

#include "decode/decoders.h"
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
static void print_protocol(struct strbuf *out, unsigned long family, unsigned long protocol)
{
	switch (family) {
	case AF_INET:
	case AF_INET6:
		print_xval(out, &xlat_inet_protocols, protocol, "IPPROTO_???");
		break;
	case AF_NETLINK:
		print_xval(out, &xlat_netlink_protocols, protocol, "NETLINK_???");
		break;
	case AF_PACKET:
		sb_puts(out, "htons(");
		print_xval(out, &xlat_ethernet_protocols, ntohs((uint16_t)protocol), "ETH_P_???");
		sb_putc(out, ')');
		break;
	case AF_RXRPC:
		print_xval(out, &xlat_addrfams, protocol, "AF_???");
		break;
	default:
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
	if (!call_failed(c))
		c->ev.new_fd = (int)c->ret;
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
	sb_printf(out, "[%d, %d]", sv[0], sv[1]);
	c->ev.fd = sv[0];
	c->ev.new_fd = sv[1];
}

/* fd, address, length: bind and connect. */
static void print_fd_sockaddr_len(struct syscall_call *c, struct strbuf *out, char *endpoint)
{
	int addrlen = (int)c->args[2];
	print_fd(out, c->args[0]);
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
	print_fd(out, c->args[0]);
	sb_printf(out, ", %d", (int)c->args[1]);
}

void decode_shutdown_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, "shutdown");
	print_fd(out, c->args[0]);
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
	switch (family) {
	case AF_INET:
	case AF_INET6:
		return xlat_name(&xlat_inet_protocols, (uint64_t)protocol);
	case AF_NETLINK:
		return xlat_name(&xlat_netlink_protocols, (uint64_t)protocol);
	case AF_PACKET:
		return xlat_name(&xlat_ethernet_protocols, ntohs((uint16_t)protocol));
	default:
		return NULL;
	}
}
