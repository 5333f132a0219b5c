/* Socket addresses in strace 6.1's notation, family by family. */
#include "decode/sockaddr.h"

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <linux/if_xdp.h>
#include <linux/qrtr.h>
#include <linux/vm_sockets.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "decode/print.h"
#include "decode/xlat.h"

#define FAMILY_SIZE sizeof(sa_family_t)
/* strace prints sin6_scope_id only when the address is longer than this (RFC 2133 size). */
#define SIN6_MIN_LEN offsetof(struct sockaddr_in6, sin6_scope_id)

void print_ifindex(struct strbuf *out, unsigned ifindex)
{
	char name[IF_NAMESIZE];
	if (if_indextoname(ifindex, name)) {
		sb_puts(out, "if_nametoindex(");
		print_quoted(out, (const unsigned char *)name, strlen(name), false);
		sb_putc(out, ')');
	} else {
		sb_printf(out, "%u", ifindex);
	}
}

/* A NUL-terminated string of at most size bytes, quoted without a cut marker. */
static void print_cstring(struct strbuf *out, const char *s, size_t size)
{
	print_quoted(out, (const unsigned char *)s, strnlen(s, size), false);
}

static void print_un(struct strbuf *out, const void *buf, int addrlen)
{
	const struct sockaddr_un *sun = buf;
	int len = addrlen > (int)sizeof *sun ? (int)sizeof *sun : addrlen;
	size_t path_len = (size_t)len - FAMILY_SIZE;
	sb_puts(out, "sun_path=");
	if (sun->sun_path[0]) {
		print_cstring(out, sun->sun_path, path_len);
	} else {
		sb_putc(out, '@');
		print_quoted(out, (const unsigned char *)sun->sun_path + 1, path_len - 1, false);
	}
}

static void print_in(struct strbuf *out, const void *buf, int addrlen)
{
	(void)addrlen;
	const struct sockaddr_in *sin = buf;
	char ip[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sin->sin_addr, ip, sizeof ip);
	sb_printf(out, "sin_port=htons(%u), sin_addr=inet_addr(\"%s\")", ntohs(sin->sin_port), ip);
}

static bool is_link_local(const struct in6_addr *a)
{
	return IN6_IS_ADDR_LINKLOCAL(a) || IN6_IS_ADDR_MC_LINKLOCAL(a);
}

static void print_in6(struct strbuf *out, const void *buf, int addrlen)
{
	const struct sockaddr_in6 *sin6 = buf;
	char ip[INET6_ADDRSTRLEN];
	inet_ntop(AF_INET6, &sin6->sin6_addr, ip, sizeof ip);
	sb_printf(out, "sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
		  "inet_pton(AF_INET6, \"%s\", &sin6_addr)",
		  ntohs(sin6->sin6_port), ntohl(sin6->sin6_flowinfo), ip);
	if (addrlen <= (int)SIN6_MIN_LEN)
		return;
	sb_puts(out, ", sin6_scope_id=");
	if (is_link_local(&sin6->sin6_addr))
		print_ifindex(out, sin6->sin6_scope_id);
	else
		sb_printf(out, "%u", sin6->sin6_scope_id);
}

static void print_nl(struct strbuf *out, const void *buf, int addrlen)
{
	(void)addrlen;
	const struct sockaddr_nl *snl = buf;
	if (snl->nl_pad)
		sb_printf(out, "nl_pad=%#x, ", snl->nl_pad);
	sb_printf(out, "nl_pid=%d, nl_groups=%#08x", (int)snl->nl_pid, snl->nl_groups);
}

static void print_ll(struct strbuf *out, const void *buf, int addrlen)
{
	const struct sockaddr_ll *sll = buf;
	sb_puts(out, "sll_protocol=htons(");
	print_xval(out, &xlat_ethernet_protocols, ntohs(sll->sll_protocol), "ETH_P_???");
	sb_puts(out, "), sll_ifindex=");
	print_ifindex(out, (unsigned)sll->sll_ifindex);
	sb_puts(out, ", sll_hatype=");
	print_xval(out, &xlat_arp_hardware_types, sll->sll_hatype, "ARPHRD_???");
	sb_puts(out, ", sll_pkttype=");
	print_xval(out, &xlat_af_packet_types, sll->sll_pkttype, "PACKET_???");
	sb_printf(out, ", sll_halen=%u", sll->sll_halen);
	if (!sll->sll_halen)
		return;
	/* sll_addr is 8 bytes but halen may claim more, and addrlen may cut it short. */
	unsigned in_bounds = (unsigned)addrlen - offsetof(struct sockaddr_ll, sll_addr);
	sb_puts(out, ", sll_addr=[");
	for (unsigned i = 0; i < sll->sll_halen; i++) {
		if (i)
			sb_puts(out, ", ");
		if (i >= in_bounds) {
			sb_puts(out, "...");
			break;
		}
		sb_printf(out, "%#02x", ((const unsigned char *)buf)[offsetof(struct sockaddr_ll, sll_addr) + i]);
	}
	sb_putc(out, ']');
}

static void print_vsock(struct strbuf *out, const void *buf, int addrlen)
{
	(void)addrlen;
	const struct sockaddr_vm *svm = buf;
	if (svm->svm_reserved1)
		sb_printf(out, "svm_reserved1=%#x, ", svm->svm_reserved1);
	sb_puts(out, "svm_cid=");
	print_xval(out, &xlat_vsock_cids, svm->svm_cid, NULL);
	sb_puts(out, ", svm_port=");
	print_xval(out, &xlat_vsock_ports, svm->svm_port, NULL);
	sb_puts(out, ", svm_flags=");
	print_flags(out, &xlat_vsock_flags, svm->svm_flags, "VMADDR_FLAG_???");
	for (size_t i = 0; i < sizeof svm->svm_zero; i++) {
		if (svm->svm_zero[i]) {
			sb_puts(out, ", svm_zero=");
			print_quoted(out, svm->svm_zero, sizeof svm->svm_zero, true);
			break;
		}
	}
}

static void print_qrtr(struct strbuf *out, const void *buf, int addrlen)
{
	(void)addrlen;
	const struct sockaddr_qrtr *sq = buf;
	sb_puts(out, "sq_node=");
	print_xval(out, &xlat_qipcrtr_nodes, sq->sq_node, NULL);
	sb_puts(out, ", sq_port=");
	print_xval(out, &xlat_qipcrtr_ports, sq->sq_port, NULL);
}

/* A NUL-terminated field of size bytes; "..." after it when no NUL ends it in time. */
static void print_padded_cstring(struct strbuf *out, const char *s, size_t size)
{
	size_t shown = size ? size - 1 : 0;
	size_t n = strnlen(s, shown);
	print_quoted(out, (const unsigned char *)s, n, false);
	if (n == shown && (!size || s[shown]))
		sb_puts(out, "...");
}

/* struct sockaddr_alg with the kernel's variable-length salg_name. */
struct sockaddr_alg_var {
	unsigned short salg_family;
	unsigned char salg_type[14];
	uint32_t salg_feat, salg_mask;
	unsigned char salg_name[];
};

static void print_alg(struct strbuf *out, const void *buf, int addrlen)
{
	const struct sockaddr_alg_var *sa = buf;
	sb_puts(out, "salg_type=");
	print_padded_cstring(out, (const char *)sa->salg_type, sizeof sa->salg_type);
	sb_puts(out, ", salg_feat=");
	print_flags_verbose(out, &xlat_alg_sockaddr_flags, sa->salg_feat, "CRYPTO_ALG_???");
	sb_puts(out, ", salg_mask=");
	print_flags_verbose(out, &xlat_alg_sockaddr_flags, sa->salg_mask, "CRYPTO_ALG_???");
	sb_puts(out, ", salg_name=");
	print_padded_cstring(out, (const char *)sa->salg_name,
			     (size_t)addrlen - offsetof(struct sockaddr_alg_var, salg_name));
}

static void print_xdp(struct strbuf *out, const void *buf, int addrlen)
{
	(void)addrlen;
	const struct sockaddr_xdp *sx = buf;
	sb_puts(out, "sxdp_flags=");
	print_flags(out, &xlat_xdp_sockaddr_flags, sx->sxdp_flags, "XDP_???");
	sb_puts(out, ", sxdp_ifindex=");
	print_ifindex(out, sx->sxdp_ifindex);
	sb_printf(out, ", sxdp_queue_id=%u", sx->sxdp_queue_id);
	if (sx->sxdp_flags & XDP_SHARED_UMEM)
		sb_printf(out, ", sxdp_shared_umem_fd=%d", (int)sx->sxdp_shared_umem_fd);
	else if (sx->sxdp_shared_umem_fd)
		sb_printf(out, ", sxdp_shared_umem_fd=%#x", sx->sxdp_shared_umem_fd);
}

/* struct sockaddr_mctp (linux/mctp.h cannot be included next to net/if.h) */
struct mctp_sockaddr {
	unsigned short smctp_family, __smctp_pad0;
	unsigned smctp_network;
	struct {
		uint8_t s_addr;
	} smctp_addr;
	uint8_t smctp_type, smctp_tag, __smctp_pad1;
};

static void print_mctp(struct strbuf *out, const void *buf, int addrlen)
{
	(void)addrlen;
	const struct mctp_sockaddr *sm = buf;
	if (sm->__smctp_pad0)
		sb_printf(out, "__smctp_pad0=%#x, ", sm->__smctp_pad0);
	sb_puts(out, "smctp_network=");
	print_xval(out, &xlat_mctp_nets, sm->smctp_network, NULL);
	sb_puts(out, ", smctp_addr={s_addr=");
	print_xval(out, &xlat_mctp_addrs, sm->smctp_addr.s_addr, NULL);
	sb_printf(out, "}, smctp_type=%#x, smctp_tag=%#x", sm->smctp_type, sm->smctp_tag);
	if (sm->__smctp_pad1)
		sb_printf(out, ", __smctp_pad1=%#x", sm->__smctp_pad1);
}

/* struct sockaddr_ipx (no longer in the kernel headers) */
struct ipx_sockaddr {
	uint16_t sipx_family, sipx_port;
	uint32_t sipx_network;
	unsigned char sipx_node[6];
	uint8_t sipx_type;
	unsigned char sipx_zero;
};

static void print_ipx(struct strbuf *out, const void *buf, int addrlen)
{
	(void)addrlen;
	const struct ipx_sockaddr *sx = buf;
	sb_printf(out, "sipx_port=htons(%u), sipx_network=htonl(%#x), sipx_node=[",
		  ntohs(sx->sipx_port), ntohl(sx->sipx_network));
	for (size_t i = 0; i < sizeof sx->sipx_node; i++)
		sb_printf(out, i ? ", %#02x" : "%#02x", sx->sipx_node[i]);
	sb_printf(out, "], sipx_type=%#02x", sx->sipx_type);
	if (sx->sipx_zero)
		sb_printf(out, ", sipx_zero=%#x", sx->sipx_zero);
}

/* Families strace cannot decode, or addresses too short for their family. */
static void print_raw(struct strbuf *out, const void *buf, int addrlen)
{
	sb_puts(out, "sa_data=");
	print_quoted(out, (const unsigned char *)buf + FAMILY_SIZE, (size_t)addrlen - FAMILY_SIZE,
		     false);
}

typedef void (*family_printer)(struct strbuf *out, const void *buf, int addrlen);

static const struct {
	family_printer print;
	int min_len;
} printers[] = {
	[AF_UNIX] = { print_un, FAMILY_SIZE + 1 },
	[AF_INET] = { print_in, sizeof(struct sockaddr_in) },
	[AF_IPX] = { print_ipx, sizeof(struct ipx_sockaddr) },
	[AF_INET6] = { print_in6, SIN6_MIN_LEN },
	[AF_NETLINK] = { print_nl, sizeof(struct sockaddr_nl) },
	[AF_PACKET] = { print_ll, sizeof(struct sockaddr_ll) },
	[AF_ALG] = { print_alg, sizeof(struct sockaddr_alg_var) + 1 },
	[AF_VSOCK] = { print_vsock, sizeof(struct sockaddr_vm) },
	[AF_QIPCRTR] = { print_qrtr, sizeof(struct sockaddr_qrtr) },
	[AF_XDP] = { print_xdp, sizeof(struct sockaddr_xdp) },
	[AF_MCTP] = { print_mctp, sizeof(struct mctp_sockaddr) },
};

void print_sockaddr(struct strbuf *out, const void *buf, int addrlen)
{
	sa_family_t family = ((const struct sockaddr *)buf)->sa_family;
	sb_puts(out, "{sa_family=");
	print_xval(out, &xlat_addrfams, family, "AF_???");
	if (addrlen > (int)FAMILY_SIZE) {
		sb_puts(out, ", ");
		if (family < sizeof printers / sizeof printers[0] && printers[family].print &&
		    addrlen >= printers[family].min_len)
			printers[family].print(out, buf, addrlen);
		else
			print_raw(out, buf, addrlen);
	}
	sb_putc(out, '}');
}

void format_endpoint(char *dst, size_t size, const void *buf, int addrlen)
{
	dst[0] = '\0';
	if (addrlen < (int)FAMILY_SIZE)
		return;
	char ip[INET6_ADDRSTRLEN];
	switch (((const struct sockaddr *)buf)->sa_family) {
	case AF_INET: {
		const struct sockaddr_in *sin = buf;
		if (addrlen < (int)sizeof *sin)
			return;
		inet_ntop(AF_INET, &sin->sin_addr, ip, sizeof ip);
		snprintf(dst, size, "%s:%u", ip, ntohs(sin->sin_port));
		return;
	}
	case AF_INET6: {
		const struct sockaddr_in6 *sin6 = buf;
		if (addrlen < (int)SIN6_MIN_LEN)
			return;
		inet_ntop(AF_INET6, &sin6->sin6_addr, ip, sizeof ip);
		snprintf(dst, size, "[%s]:%u", ip, ntohs(sin6->sin6_port));
		return;
	}
	case AF_UNIX: {
		const struct sockaddr_un *sun = buf;
		int len = addrlen > (int)sizeof *sun ? (int)sizeof *sun : addrlen;
		size_t path_len = (size_t)len - FAMILY_SIZE;
		if (path_len == 0)
			return;
		if (sun->sun_path[0]) {
			snprintf(dst, size, "%.*s", (int)strnlen(sun->sun_path, path_len),
				 sun->sun_path);
			return;
		}
		/* Abstract names may hold NULs; like ss, show them as '@'. */
		size_t n = 0;
		for (size_t i = 0; i < path_len && n + 1 < size; i++)
			dst[n++] = sun->sun_path[i] ? sun->sun_path[i] : '@';
		dst[n] = '\0';
		return;
	}
	}
}

int decode_sockaddr(const struct syscall_call *c, struct strbuf *out, unsigned long addr,
		    int addrlen, char *endpoint)
{
	if (addrlen < (int)FAMILY_SIZE) {
		print_addr(out, addr);
		return -1;
	}
	/* One spare zero byte so that a full-length sun_path still ends in NUL. */
	union {
		struct sockaddr_storage storage;
		char bytes[sizeof(struct sockaddr_storage) + 1];
	} sa;
	if ((size_t)addrlen > sizeof sa.storage)
		addrlen = sizeof sa.storage;
	if (tracee_read(c->tid, addr, sa.bytes, (size_t)addrlen) < 0) {
		print_addr(out, addr);
		return -1;
	}
	memset(sa.bytes + addrlen, 0, sizeof sa.bytes - (size_t)addrlen);
	print_sockaddr(out, &sa, addrlen);
	if (endpoint)
		format_endpoint(endpoint, ENDPOINT_LEN, &sa, addrlen);
	return sa.storage.ss_family;
}

void decode_inet_addr(const struct syscall_call *c, struct strbuf *out, unsigned long addr,
		      unsigned len, int family)
{
	unsigned char bytes[sizeof(struct in6_addr)];
	size_t size = family == AF_INET ? sizeof(struct in_addr)
		    : family == AF_INET6 ? sizeof(struct in6_addr) : 0;
	if (!size || len < size) {
		print_str_ex(c, out, addr, len, QUOTE_FORCE_HEX);
		return;
	}
	if (tracee_read(c->tid, addr, bytes, size) < 0) {
		print_addr(out, addr);
		return;
	}
	char ip[INET6_ADDRSTRLEN];
	inet_ntop(family, bytes, ip, sizeof ip);
	if (family == AF_INET)
		sb_printf(out, "inet_addr(\"%s\")", ip);
	else
		sb_printf(out, "inet_pton(AF_INET6, \"%s\")", ip);
}
