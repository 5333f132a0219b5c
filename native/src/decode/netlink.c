/*
 * Netlink message arrays: headers, NLMSG_ERROR and NLMSG_DONE, and the NETLINK_ROUTE link and
 * address messages that getaddrinfo(3), getifaddrs(3) and if_nameindex(3) exchange. Other payloads print as hex, like strace prints
 * payloads it has no decoder for.
 */
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "decode/array.h"
#include "decode/netlink.h"
#include "decode/nlattr.h"
#include "decode/print.h"
#include "decode/xlat.h"

/* /proc lookups are cached by socket inode: a netlink socket's protocol never changes. */
#define PROTO_CACHE_SIZE 8
static struct {
	unsigned long inode;
	int protocol;
} proto_cache[PROTO_CACHE_SIZE];
static unsigned proto_cache_next;

static unsigned long socket_inode(pid_t pid, int fd)
{
	char path[64], link[64];
	snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)pid, fd);
	ssize_t n = readlink(path, link, sizeof link - 1);
	if (n <= 0)
		return 0;
	link[n] = '\0';
	unsigned long inode;
	return sscanf(link, "socket:[%lu]", &inode) == 1 ? inode : 0;
}

/* The "Eth" column of the tracee's own /proc/PID/net/netlink row for inode, or -1. */
static int protocol_from_proc(pid_t pid, unsigned long inode)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/net/netlink", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	int protocol = -1;
	while (fgets(line, sizeof line, f)) {
		int proto;
		unsigned long ino;
		if (sscanf(line, "%*s %d %*s %*s %*s %*s %*s %*s %*s %lu", &proto, &ino) == 2 &&
		    ino == inode) {
			protocol = proto;
			break;
		}
	}
	fclose(f);
	return protocol;
}

static bool is_netlink_socket(const struct syscall_call *c, int fd)
{
	char path[64], proto[32];
	snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)c->pid, fd);
	ssize_t n = getxattr(path, "system.sockprotoname", proto, sizeof proto - 1);
	if (n <= 0)
		return false;
	proto[n] = '\0';
	return strcmp(proto, "NETLINK") == 0;
}

/*
 * Descriptors seen as netlink sockets. An entry may be stale (the descriptor was closed and
 * reused): it only costs a question to the socket, never a wrong answer.
 */
#define KNOWN_SIZE 64
static struct {
	pid_t pid;
	int fd;
} known[KNOWN_SIZE];
static unsigned known_next;

static int known_slot(pid_t pid, int fd)
{
	for (int i = 0; i < KNOWN_SIZE; i++)
		if (known[i].pid == pid && known[i].fd == fd)
			return i;
	return -1;
}

void netlink_socket_opened(pid_t pid, int fd)
{
	if (known_slot(pid, fd) >= 0)
		return;
	known[known_next].pid = pid;
	known[known_next].fd = fd;
	known_next = (known_next + 1) % KNOWN_SIZE;
}

/* A first nlmsg_len between the header size and len: plain data rarely starts like that. */
static bool looks_like_netlink(const unsigned char *head, size_t avail, unsigned long len)
{
	uint32_t nlmsg_len;
	if (avail < sizeof nlmsg_len || len < NLMSG_HDRLEN)
		return false;
	memcpy(&nlmsg_len, head, sizeof nlmsg_len);
	return nlmsg_len >= NLMSG_HDRLEN && nlmsg_len <= len;
}

bool sockbuf_is_netlink(const struct syscall_call *c, int fd, const unsigned char *head,
			size_t avail, unsigned long len)
{
	int slot = known_slot(c->pid, fd);
	if (slot < 0 && !looks_like_netlink(head, avail, len))
		return false;
	bool netlink = is_netlink_socket(c, fd);
	if (netlink && slot < 0)
		netlink_socket_opened(c->pid, fd);
	else if (!netlink && slot >= 0)
		known[slot].pid = 0;
	return netlink;
}

int netlink_protocol_of(const struct syscall_call *c, int fd)
{
	unsigned long inode = socket_inode(c->pid, fd);
	if (!inode)
		return -1;
	for (unsigned i = 0; i < PROTO_CACHE_SIZE; i++)
		if (proto_cache[i].inode == inode)
			return proto_cache[i].protocol;
	int protocol = protocol_from_proc(c->pid, inode);
	if (protocol >= 0) {
		proto_cache[proto_cache_next].inode = inode;
		proto_cache[proto_cache_next].protocol = protocol;
		proto_cache_next = (proto_cache_next + 1) % PROTO_CACHE_SIZE;
	}
	return protocol;
}

/* Everything the recursive printers share. */
struct nl_ctx {
	struct syscall_call *c;
	struct strbuf *out;
	int protocol;
};

static void print_genl_family(struct strbuf *out, uint16_t type)
{
	const char *name = genl_family_name(type);
	if (name)
		sb_puts(out, name);
	else
		sb_printf(out, "%#x /* GENERIC_FAMILY_??? */", type);
}

static void print_type(const struct nl_ctx *n, uint16_t type)
{
	if (type >= NLMSG_MIN_TYPE && n->protocol == NETLINK_ROUTE)
		print_xval(n->out, &xlat_nl_route_types, type, "RTM_???");
	else if (type >= NLMSG_MIN_TYPE && n->protocol == NETLINK_SOCK_DIAG)
		print_xval(n->out, &xlat_nl_sock_diag_types, type, "SOCK_DIAG_???");
	else if (type >= NLMSG_MIN_TYPE && n->protocol == NETLINK_GENERIC)
		print_genl_family(n->out, type);
	else
		print_xval(n->out, &xlat_netlink_types, type, "NLMSG_???");
}

/* The flags that only some message types define, after the common ones. */
static const struct xlat *type_flags(const struct nl_ctx *n, uint16_t type)
{
	if (type < NLMSG_MIN_TYPE)
		return type == NLMSG_ERROR ? &xlat_netlink_ack_flags : NULL;
	if (n->protocol == NETLINK_SOCK_DIAG)
		return &xlat_netlink_get_flags;
	if (n->protocol != NETLINK_ROUTE)
		return NULL;
	if (type == RTM_DELACTION)
		return &xlat_netlink_get_flags;
	switch (type & 3) {
	case 0: return &xlat_netlink_new_flags;
	case 1: return &xlat_netlink_delete_flags;
	case 2: return &xlat_netlink_get_flags;
	default: return NULL;
	}
}

static void print_nlmsghdr(const struct nl_ctx *n, const struct nlmsghdr *h)
{
	sb_printf(n->out, "{nlmsg_len=%u, nlmsg_type=", h->nlmsg_len);
	print_type(n, h->nlmsg_type);
	sb_puts(n->out, ", nlmsg_flags=");
	const struct xlat *tables[] = { &xlat_netlink_flags, type_flags(n, h->nlmsg_type) };
	print_flags_in(n->out, tables, 2, h->nlmsg_flags, "NLM_F_???");
	sb_printf(n->out, ", nlmsg_seq=%u, nlmsg_pid=%d}", h->nlmsg_seq, (int)h->nlmsg_pid);
}

static void decode_with_payload(const struct nl_ctx *n, const struct nlmsghdr *h,
				unsigned long addr, unsigned long len);

/* error=-ECONNREFUSED, or the number when strace has no name for it. */
static void print_error_field(struct strbuf *out, int error)
{
	const char *name = error < 0 ? errno_name((unsigned long)-(long)error) : NULL;
	if (name)
		sb_printf(out, "-%s", name);
	else
		sb_printf(out, "%d", error);
}

static bool decode_ack_cookie(struct nla_ctx *a, unsigned long addr, unsigned len)
{
	print_array(a->c, a->out, false, addr, len, 1, print_u8_elem, NULL);
	return true;
}

static const nla_decoder nlmsgerr_decoders[] = {
	[NLMSGERR_ATTR_MSG] = decode_nla_str,
	[NLMSGERR_ATTR_OFFS] = decode_nla_u32,
	[NLMSGERR_ATTR_COOKIE] = decode_ack_cookie,
};

static void decode_nlmsgerr(const struct nl_ctx *n, unsigned long addr, unsigned long len,
			    bool capped)
{
	struct nlmsgerr err;
	if (len < sizeof err) {
		print_str_ex(n->c, n->out, addr, len, QUOTE_FORCE_HEX);
		return;
	}
	if (!fetch(n->c, false, addr, &err, sizeof err)) {
		print_addr(n->out, addr);
		return;
	}
	addr += offsetof(struct nlmsgerr, msg);
	len -= offsetof(struct nlmsgerr, msg);
	/* A bogus inner nlmsg_len below the header size counts as the header size. */
	unsigned long inner = err.msg.nlmsg_len < sizeof err.msg ? sizeof err.msg : err.msg.nlmsg_len;
	unsigned long payload = capped ? sizeof err.msg : inner;
	if (payload > len)
		payload = len;
	if (len > payload)
		sb_putc(n->out, '[');
	sb_puts(n->out, "{error=");
	print_error_field(n->out, err.error);
	sb_puts(n->out, ", msg=");
	decode_with_payload(n, &err.msg, addr, payload);
	sb_putc(n->out, '}');
	if (len > payload) {
		sb_puts(n->out, ", ");
		struct nla_ctx a = { n->c, n->out, NULL };
		decode_nlattr(&a, addr + payload, len - payload, &xlat_nlmsgerr_attrs,
			      "NLMSGERR_ATTR_???", nlmsgerr_decoders,
			      sizeof nlmsgerr_decoders / sizeof nlmsgerr_decoders[0]);
		sb_putc(n->out, ']');
	}
}

/* {family=AF_INET, data="\x..."}: a payload strace knows only the first byte of. */
static void print_family_and_data(const struct nl_ctx *n, uint8_t family, unsigned long addr,
				  unsigned long len)
{
	sb_puts(n->out, "{family=");
	print_xval(n->out, &xlat_addrfams, family, "AF_???");
	if (len > sizeof family) {
		sb_puts(n->out, ", data=");
		print_str_ex(n->c, n->out, addr + sizeof family, len - sizeof family,
			     QUOTE_FORCE_HEX);
	}
	sb_putc(n->out, '}');
}

/* NETLINK_ROUTE payloads; false when strace's generic printing applies instead. */
static bool decode_route_payload(const struct nl_ctx *n, const struct nlmsghdr *h,
				 unsigned long addr, unsigned long len)
{
	if (h->nlmsg_type == NLMSG_DONE)
		return false;
	uint8_t family;
	if (!fetch(n->c, false, addr, &family, sizeof family)) {
		print_addr(n->out, addr);
		return true;
	}
	switch (h->nlmsg_type) {
	case RTM_NEWLINK:
	case RTM_DELLINK:
	case RTM_GETLINK:
	case RTM_SETLINK:
		decode_ifinfomsg(n->c, n->out, family, addr, (unsigned)len);
		return true;
	case RTM_NEWADDR:
	case RTM_DELADDR:
	case RTM_GETADDR:
	case RTM_GETMULTICAST:
	case RTM_GETANYCAST:
		decode_ifaddrmsg(n->c, n->out, family, addr, (unsigned)len);
		return true;
	}
	/* Other route messages (strace decodes more of them). */
	print_family_and_data(n, family, addr, len);
	return true;
}

/*
 * NETLINK_SOCK_DIAG payloads: the family and the data in hex. strace decodes the requests and
 * answers of the unix, inet, netlink, packet and smc families further.
 */
static bool decode_sock_diag_payload(const struct nl_ctx *n, const struct nlmsghdr *h,
				     unsigned long addr, unsigned long len)
{
	if (h->nlmsg_type == NLMSG_DONE)
		return false;
	uint8_t family;
	if (!fetch(n->c, false, addr, &family, sizeof family))
		print_addr(n->out, addr);
	else
		print_family_and_data(n, family, addr, len);
	return true;
}

static void decode_payload(const struct nl_ctx *n, const struct nlmsghdr *h, unsigned long addr,
			   unsigned long len)
{
	if (h->nlmsg_type == NLMSG_ERROR) {
		decode_nlmsgerr(n, addr, len, h->nlmsg_flags & NLM_F_CAPPED);
		return;
	}
	if (h->nlmsg_type >= NLMSG_MIN_TYPE || h->nlmsg_type == NLMSG_DONE) {
		if (n->protocol == NETLINK_ROUTE && decode_route_payload(n, h, addr, len))
			return;
		if (n->protocol == NETLINK_SOCK_DIAG && decode_sock_diag_payload(n, h, addr, len))
			return;
	}
	if (h->nlmsg_type == NLMSG_DONE && len == sizeof(int)) {
		int num;
		if (fetch(n->c, false, addr, &num, sizeof num))
			sb_printf(n->out, "%d", num);
		else
			print_addr(n->out, addr);
		return;
	}
	print_str_ex(n->c, n->out, addr, len, QUOTE_FORCE_HEX);
}

static void decode_with_payload(const struct nl_ctx *n, const struct nlmsghdr *h,
				unsigned long addr, unsigned long len)
{
	unsigned long msg_len = h->nlmsg_len < len ? h->nlmsg_len : len;
	bool has_payload = msg_len > NLMSG_HDRLEN;
	if (has_payload)
		sb_putc(n->out, '[');
	print_nlmsghdr(n, h);
	if (has_payload) {
		sb_puts(n->out, ", ");
		decode_payload(n, h, addr + NLMSG_HDRLEN, msg_len - NLMSG_HDRLEN);
		sb_putc(n->out, ']');
	}
}

void decode_netlink(struct syscall_call *c, struct strbuf *out, int protocol,
		    unsigned long addr, unsigned long len)
{
	struct nl_ctx n = { c, out, protocol };
	unsigned max = c->strsize < 0 ? 0 : (unsigned)c->strsize;
	bool is_array = false;
	for (unsigned elt = 0;; elt++) {
		struct nlmsghdr h;
		if (len < sizeof h) {
			print_str_ex(c, out, addr, len, QUOTE_FORCE_HEX);
			break;
		}
		if (!fetch(c, false, addr, &h, sizeof h)) {
			if (is_array)
				sb_printf(out, "... /* %#lx */", addr);
			else
				print_addr(out, addr);
			break;
		}
		if (elt == max) {
			sb_puts(out, "...");
			break;
		}
		unsigned long next_addr = addr, next_len = len;
		bool more = tlv_next(&next_addr, &next_len, h.nlmsg_len, NLMSG_ALIGN(h.nlmsg_len),
				     NLMSG_HDRLEN);
		if (!is_array && more) {
			sb_putc(out, '[');
			is_array = true;
		}
		decode_with_payload(&n, &h, addr, len);
		if (!more)
			break;
		sb_puts(out, ", ");
		addr = next_addr;
		len = next_len;
	}
	if (is_array)
		sb_putc(out, ']');
}
