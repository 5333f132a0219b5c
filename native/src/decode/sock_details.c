/*
 * strace 6.1 learns a socket's protocol from the system.sockprotoname attribute of
 * /proc/TID/fd/N and its endpoints from a sock_diag dump of that protocol's whole table, per
 * printed descriptor, until it finds the socket; then it keeps the text per inode in a
 * 1024-slot cache that nothing invalidates (a UDP socket bound and later connected keeps
 * showing only its local address; a slot is lost only to another inode with the same low ten
 * bits). We print the same text with the same cache, but find the socket without walking the
 * tables: a TCP or UDP socket that has no local port is in no table (strace's dump cannot find
 * it either, so it prints "TCP:[inode]"), and one that has is looked up in a dump filtered to
 * that port; unix sockets are looked up by inode, as strace does.
 */
#include "decode/sock_details.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "decode/diag_socket.h"
#include "decode/print.h"
#include "decode/xlat.h"

#ifndef IPPROTO_L2TP
#define IPPROTO_L2TP 115
#endif

enum table { TABLE_UNIX, TABLE_INET, TABLE_NETLINK };

/* strace's protocol list: the sockprotoname values it knows, and which table lists each. */
static const struct proto {
	const char *name;
	enum table table;
	int family, protocol;
} protos[] = {
	{ "UNIX", TABLE_UNIX, AF_UNIX, 0 },
	{ "UNIX-STREAM", TABLE_UNIX, AF_UNIX, 0 },
	{ "TCP", TABLE_INET, AF_INET, IPPROTO_TCP },
	{ "UDP", TABLE_INET, AF_INET, IPPROTO_UDP },
	{ "UDPLITE", TABLE_INET, AF_INET, IPPROTO_UDPLITE },
	{ "DCCP", TABLE_INET, AF_INET, IPPROTO_DCCP },
	{ "SCTP", TABLE_INET, AF_INET, IPPROTO_SCTP },
	{ "L2TP/IP", TABLE_INET, AF_INET, IPPROTO_L2TP },
	{ "PING", TABLE_INET, AF_INET, IPPROTO_ICMP },
	{ "RAW", TABLE_INET, AF_INET, IPPROTO_RAW },
	{ "TCPv6", TABLE_INET, AF_INET6, IPPROTO_TCP },
	{ "UDPv6", TABLE_INET, AF_INET6, IPPROTO_UDP },
	{ "UDPLITEv6", TABLE_INET, AF_INET6, IPPROTO_UDPLITE },
	{ "DCCPv6", TABLE_INET, AF_INET6, IPPROTO_DCCP },
	{ "SCTPv6", TABLE_INET, AF_INET6, IPPROTO_SCTP },
	{ "L2TP/IPv6", TABLE_INET, AF_INET6, IPPROTO_L2TP },
	/* strace asks the ICMPv6 ping table with IPPROTO_ICMP, as here. */
	{ "PINGv6", TABLE_INET, AF_INET6, IPPROTO_ICMP },
	{ "RAWv6", TABLE_INET, AF_INET6, IPPROTO_RAW },
	{ "NETLINK", TABLE_NETLINK, AF_NETLINK, 0 },
};

enum { CACHE_SLOTS = 1024 };

static struct {
	unsigned long inode;
	char *details;
} cache[CACHE_SLOTS];

static const struct proto *proto_of(pid_t tid, int fd)
{
	char path[64], name[256];
	snprintf(path, sizeof path, "/proc/%d/fd/%d", tid, fd);
	ssize_t n = getxattr(path, "system.sockprotoname", name, sizeof name - 1);
	if (n <= 0)
		return NULL;
	name[n] = '\0';
	for (size_t i = 0; i < sizeof protos / sizeof protos[0]; i++)
		if (!strcmp(name, protos[i].name))
			return &protos[i];
	return NULL;
}

/* What one table lookup is after, and what it found. */
struct search {
	const struct proto *proto;
	unsigned long inode;
	char *found;
};

static char *sb_detach(struct strbuf *sb)
{
	char *s = strdup(sb->buf ? sb->buf : "");
	sb_free(sb);
	return s;
}

static void inet_msg(const void *data, size_t len, void *ctx)
{
	struct search *s = ctx;
	const struct inet_diag_msg *m = data;
	if (len < sizeof *m || m->idiag_inode != s->inode || s->found)
		return;
	if (m->idiag_family != AF_INET && m->idiag_family != AF_INET6)
		return;
	size_t addr_size = m->idiag_family == AF_INET6 ? 16 : 4;
	const char *open = m->idiag_family == AF_INET6 ? "[" : "";
	const char *close = m->idiag_family == AF_INET6 ? "]" : "";
	static const unsigned char zero[16];
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	inet_ntop(m->idiag_family, m->id.idiag_src, src, sizeof src);
	struct strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s:[%s%s%s:%u", s->proto->name, open, src, close, ntohs(m->id.idiag_sport));
	/* strace shows a peer whenever the port or the address is set. */
	if (m->id.idiag_dport || memcmp(zero, m->id.idiag_dst, addr_size)) {
		inet_ntop(m->idiag_family, m->id.idiag_dst, dst, sizeof dst);
		sb_printf(&sb, "->%s%s%s:%u", open, dst, close, ntohs(m->id.idiag_dport));
	}
	sb_putc(&sb, ']');
	s->found = sb_detach(&sb);
}

static void unix_msg(const void *data, size_t len, void *ctx)
{
	struct search *s = ctx;
	const struct unix_diag_msg *m = data;
	if (len < sizeof *m || m->udiag_ino != s->inode || m->udiag_family != AF_UNIX || s->found)
		return;
	char path[sizeof ((struct sockaddr_un *)0)->sun_path + 1];
	size_t path_len = 0;
	uint32_t peer = 0;
	int left = (int)(len - NLMSG_ALIGN(sizeof *m));
	for (const struct rtattr *a = (const void *)((const char *)m + NLMSG_ALIGN(sizeof *m));
	     RTA_OK(a, left); a = RTA_NEXT(a, left)) {
		if (a->rta_type == UNIX_DIAG_NAME && !path_len) {
			path_len = RTA_PAYLOAD(a) < sizeof path - 1 ? RTA_PAYLOAD(a) : sizeof path - 1;
			memcpy(path, RTA_DATA(a), path_len);
		} else if (a->rta_type == UNIX_DIAG_PEER && RTA_PAYLOAD(a) >= sizeof peer) {
			memcpy(&peer, RTA_DATA(a), sizeof peer);
		}
	}
	/* Neither bound nor connected: strace counts that as not found. */
	if (!peer && !path_len)
		return;
	struct strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s:[%lu", s->proto->name, s->inode);
	if (peer)
		sb_printf(&sb, "->%u", peer);
	if (path_len) {
		/* Quoted up to the first NUL; an abstract name shows '@' for its leading NUL. */
		bool abstract = path[0] == '\0';
		const char *name = path + abstract;
		sb_puts(&sb, abstract ? ",@" : ",");
		print_quoted(&sb, (const unsigned char *)name, strnlen(name, path_len - abstract), false);
	}
	sb_putc(&sb, ']');
	s->found = sb_detach(&sb);
}

static void netlink_msg(const void *data, size_t len, void *ctx)
{
	struct search *s = ctx;
	const struct netlink_diag_msg *m = data;
	if (len < sizeof *m || m->ndiag_ino != s->inode || m->ndiag_family != AF_NETLINK || s->found)
		return;
	struct strbuf sb;
	sb_init(&sb);
	const char *name = xlat_name(&xlat_netlink_protocols, m->ndiag_protocol);
	if (name && !strncmp(name, "NETLINK_", 8))
		sb_printf(&sb, "%s:[%s:%u]", s->proto->name, name + 8, m->ndiag_portid);
	else
		sb_printf(&sb, "%s:[%u]", s->proto->name, (unsigned)m->ndiag_protocol);
	s->found = sb_detach(&sb);
}

/* A descriptor of process pid, copied into this process (pidfd_getfd); -1 if it cannot be. */
static int copy_fd(pid_t pid, int fd)
{
	static pid_t cached_pid;
	static int pidfd = -1;
	for (int attempt = 0; attempt < 2; attempt++) {
		if (pidfd < 0 || cached_pid != pid) {
			if (pidfd >= 0)
				close(pidfd);
			pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
			cached_pid = pid;
			if (pidfd < 0)
				return -1;
		}
		int copy = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
		if (copy >= 0 || errno != ESRCH)
			return copy;
		/* The pid names a new process now: the pidfd still refers to the old one. */
		close(pidfd);
		pidfd = -1;
	}
	return -1;
}

/* A TCP or UDP socket's own view of its addresses (getsockname/getpeername on a copy). */
struct endpoints {
	struct sockaddr_storage local, remote; /* remote: AF_UNSPEC when not connected */
	int local_port;
};

static bool read_endpoints(pid_t pid, int fd, struct endpoints *e)
{
	int copy = copy_fd(pid, fd);
	if (copy < 0)
		return false;
	socklen_t len = sizeof e->local;
	bool ok = getsockname(copy, (struct sockaddr *)&e->local, &len) == 0 &&
		  (e->local.ss_family == AF_INET || e->local.ss_family == AF_INET6);
	len = sizeof e->remote;
	if (getpeername(copy, (struct sockaddr *)&e->remote, &len) != 0)
		e->remote.ss_family = AF_UNSPEC;
	close(copy);
	/* sin_port and sin6_port sit at the same offset. */
	e->local_port = ok ? ntohs(((struct sockaddr_in *)&e->local)->sin_port) : -1;
	return ok;
}

static void put_endpoint(const struct sockaddr_storage *ss, __be32 addr[4], __be16 *port)
{
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)ss;
		addr[0] = in->sin_addr.s_addr;
		*port = in->sin_port;
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)ss;
		memcpy(addr, &in6->sin6_addr, 16);
		*port = in6->sin6_port;
	}
}

struct inet_query {
	struct nlmsghdr nlh;
	struct inet_diag_req_v2 req;
	struct rtattr filter;
	struct inet_diag_bc_op ops[2];
};

static void inet_query_init(struct inet_query *q, const struct proto *p, bool dump)
{
	memset(q, 0, sizeof *q);
	q->nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	q->nlh.nlmsg_flags = NLM_F_REQUEST | (dump ? NLM_F_DUMP : 0);
	q->nlh.nlmsg_len = offsetof(struct inet_query, filter);
	q->req.sdiag_family = (uint8_t)p->family;
	q->req.sdiag_protocol = (uint8_t)p->protocol;
	q->req.idiag_states = ~0U;
	q->req.id.idiag_cookie[0] = q->req.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
}

/*
 * The kernel's own lookup by address and port (what a packet would find): a few microseconds
 * where a dump walks every socket of the protocol. It finds connected and listening sockets;
 * the inode check rejects anything else it may find instead.
 */
static void lookup_inet(int sock, const struct endpoints *e, struct search *s)
{
	struct inet_query q;
	inet_query_init(&q, s->proto, false);
	/* UDP's lookup takes the packet's view (source = the peer), for historical reasons. */
	bool udp = s->proto->protocol == IPPROTO_UDP;
	put_endpoint(&e->local, udp ? q.req.id.idiag_dst : q.req.id.idiag_src,
		     udp ? &q.req.id.idiag_dport : &q.req.id.idiag_sport);
	put_endpoint(&e->remote, udp ? q.req.id.idiag_src : q.req.id.idiag_dst,
		     udp ? &q.req.id.idiag_sport : &q.req.id.idiag_dport);
	diag_exchange(sock, &q, q.nlh.nlmsg_len, 0, inet_msg, s);
}

/* The protocol's table as strace reads it, narrowed by the kernel to one local port if known. */
static void dump_inet(int sock, int port, struct search *s)
{
	struct inet_query q;
	inet_query_init(&q, s->proto, true);
	if (port > 0) {
		/* Local port == port: accept (jump to the end), else reject (jump past it). */
		q.ops[0] = (struct inet_diag_bc_op){ INET_DIAG_BC_S_EQ, sizeof q.ops, sizeof q.ops + 4 };
		q.ops[1] = (struct inet_diag_bc_op){ 0, 0, (unsigned short)port };
		q.filter.rta_type = INET_DIAG_REQ_BYTECODE;
		q.filter.rta_len = RTA_LENGTH(sizeof q.ops);
		q.nlh.nlmsg_len = sizeof q;
	}
	diag_exchange(sock, &q, q.nlh.nlmsg_len, 1, inet_msg, s);
}

static void find_inet(int sock, pid_t pid, int fd, struct search *s)
{
	if (s->proto->protocol != IPPROTO_TCP && s->proto->protocol != IPPROTO_UDP) {
		dump_inet(sock, -1, s);
		return;
	}
	struct endpoints e;
	if (!read_endpoints(pid, fd, &e)) {
		dump_inet(sock, -1, s);
		return;
	}
	/* A port comes with the first bind, explicit or by connect/send; without one the socket
	 * is in no table. */
	if (e.local_port == 0)
		return;
	lookup_inet(sock, &e, s);
	/* Bound but neither listening nor connected (or a lookup that found another socket). */
	if (!s->found)
		dump_inet(sock, e.local_port, s);
}

static void find_unix(int sock, struct search *s)
{
	struct {
		struct nlmsghdr nlh;
		struct unix_diag_req req;
	} q = {
		.nlh = { .nlmsg_len = sizeof q, .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST },
		.req = { .sdiag_family = AF_UNIX, .udiag_states = ~0U, .udiag_ino = (uint32_t)s->inode,
			 .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER,
			 .udiag_cookie = { INET_DIAG_NOCOOKIE, INET_DIAG_NOCOOKIE } },
	};
	diag_exchange(sock, &q, sizeof q, 0, unix_msg, s);
}

/* netlink_diag has no lookup by inode: like strace, dump the table (few sockets live there). */
static void find_netlink(int sock, struct search *s)
{
	struct {
		struct nlmsghdr nlh;
		struct netlink_diag_req req;
	} q = {
		.nlh = { .nlmsg_len = sizeof q, .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
		.req = { .sdiag_family = AF_NETLINK, .sdiag_protocol = NDIAG_PROTO_ALL },
	};
	diag_exchange(sock, &q, sizeof q, 1, netlink_msg, s);
}

const char *sock_details(pid_t pid, pid_t tid, int fd, unsigned long inode)
{
	unsigned slot = (unsigned)(inode % CACHE_SLOTS);
	if (cache[slot].details && cache[slot].inode == inode)
		return cache[slot].details;
	struct search s = { .proto = proto_of(tid, fd), .inode = inode };
	if (!s.proto)
		return NULL;
	int sock = diag_socket_for(pid);
	if (sock >= 0) {
		switch (s.proto->table) {
		case TABLE_INET: find_inet(sock, pid, fd, &s); break;
		case TABLE_UNIX: find_unix(sock, &s); break;
		case TABLE_NETLINK: find_netlink(sock, &s); break;
		}
	}
	if (s.found) {
		free(cache[slot].details);
		cache[slot].inode = inode;
		cache[slot].details = s.found;
		return s.found;
	}
	static char unlisted[64];
	snprintf(unlisted, sizeof unlisted, "%s:[%lu]", s.proto->name, inode);
	return unlisted;
}
