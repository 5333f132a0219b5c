/* RTM_NEWADDR, RTM_GETADDR and friends: struct ifaddrmsg and its IFA_* attributes. */
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <stdint.h>

#include "decode/nlattr.h"
#include "decode/print.h"
#include "decode/sockaddr.h"

static bool decode_ifa_address(struct nla_ctx *a, unsigned long addr, unsigned len)
{
	const struct ifaddrmsg *ifa = a->opaque;
	decode_inet_addr(a->c, a->out, addr, len, ifa->ifa_family);
	return true;
}

static bool decode_ifa_cacheinfo(struct nla_ctx *a, unsigned long addr, unsigned len)
{
	struct ifa_cacheinfo ci;
	if (len < sizeof ci)
		return false;
	if (!fetch(a->c, false, addr, &ci, sizeof ci))
		print_addr(a->out, addr);
	else
		sb_printf(a->out, "{ifa_prefered=%u, ifa_valid=%u, cstamp=%u, tstamp=%u}",
			  ci.ifa_prefered, ci.ifa_valid, ci.cstamp, ci.tstamp);
	return true;
}

static bool decode_ifa_flags(struct nla_ctx *a, unsigned long addr, unsigned len)
{
	uint32_t flags;
	if (len < sizeof flags)
		return false;
	if (!fetch(a->c, false, addr, &flags, sizeof flags))
		print_addr(a->out, addr);
	else
		print_flags(a->out, &xlat_ifaddrflags, flags, "IFA_F_???");
	return true;
}

static const nla_decoder ifaddrmsg_decoders[] = {
	[IFA_ADDRESS] = decode_ifa_address,
	[IFA_LOCAL] = decode_ifa_address,
	[IFA_LABEL] = decode_nla_str,
	[IFA_BROADCAST] = decode_ifa_address,
	[IFA_ANYCAST] = decode_ifa_address,
	[IFA_CACHEINFO] = decode_ifa_cacheinfo,
	[IFA_MULTICAST] = decode_ifa_address,
	[IFA_FLAGS] = decode_ifa_flags,
	[IFA_RT_PRIORITY] = decode_nla_u32,
	[IFA_TARGET_NETNSID] = decode_nla_s32,
};

void decode_ifaddrmsg(struct syscall_call *c, struct strbuf *out, uint8_t family,
		      unsigned long addr, unsigned len)
{
	struct ifaddrmsg ifa = { .ifa_family = family };
	size_t skip = sizeof ifa.ifa_family;
	bool attrs = false;
	sb_puts(out, "{ifa_family=");
	print_xval(out, &xlat_addrfams, family, "AF_???");
	sb_puts(out, ", ");
	if (len < sizeof ifa) {
		sb_puts(out, "...");
	} else if (!fetch(c, false, addr + skip, (char *)&ifa + skip, sizeof ifa - skip)) {
		print_addr(out, addr + skip);
	} else {
		sb_printf(out, "ifa_prefixlen=%u, ifa_flags=", ifa.ifa_prefixlen);
		print_flags(out, &xlat_ifaddrflags, ifa.ifa_flags, "IFA_F_???");
		sb_puts(out, ", ifa_scope=");
		print_xval(out, &xlat_routing_scopes, ifa.ifa_scope, NULL);
		sb_puts(out, ", ifa_index=");
		print_ifindex(out, ifa.ifa_index);
		attrs = true;
	}
	sb_putc(out, '}');
	size_t offset = NLMSG_ALIGN(sizeof ifa);
	if (attrs && len > offset) {
		sb_puts(out, ", ");
		struct nla_ctx a = { c, out, &ifa };
		decode_nlattr(&a, addr + offset, len - offset, &xlat_rtnl_addr_attrs, "IFA_???",
			      ifaddrmsg_decoders,
			      sizeof ifaddrmsg_decoders / sizeof ifaddrmsg_decoders[0]);
	}
}
