/*
 * RTM_NEWLINK, RTM_GETLINK and friends (getifaddrs, if_nameindex): struct ifinfomsg and the
 * IFLA_* attributes a dump shows first. Nested attributes (IFLA_LINKINFO, IFLA_AF_SPEC,
 * IFLA_XDP, ...) are printed in hex, where strace decodes them further.
 */
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdint.h>
#include <string.h>

#include "decode/nlattr.h"
#include "decode/print.h"
#include "decode/sockaddr.h"

/* The fields of rtnl_link_stats and rtnl_link_stats64, in order. */
static const char *const link_stats_fields[] = {
	"rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors",
	"rx_dropped", "tx_dropped", "multicast", "collisions", "rx_length_errors",
	"rx_over_errors", "rx_crc_errors", "rx_frame_errors", "rx_fifo_errors",
	"rx_missed_errors", "tx_aborted_errors", "tx_carrier_errors", "tx_fifo_errors",
	"tx_heartbeat_errors", "tx_window_errors", "rx_compressed", "tx_compressed",
	"rx_nohandler", "rx_otherhost_dropped",
};

/* Every kernel fills the fields up to tx_compressed; later ones only when len holds them. */
#define LINK_STATS_MIN_FIELDS 23

static bool print_link_stats(struct nla_ctx *a, unsigned long addr, unsigned len, size_t word,
			     unsigned max_fields)
{
	unsigned fields = len >= max_fields * word ? max_fields
			: len % word == 0 && len / word >= LINK_STATS_MIN_FIELDS ? (unsigned)(len / word)
			: 0;
	if (!fields)
		return false;
	unsigned char buf[sizeof(uint64_t) * 25];
	if (!fetch(a->c, false, addr, buf, fields * word)) {
		print_addr(a->out, addr);
		return true;
	}
	sb_putc(a->out, '{');
	for (unsigned i = 0; i < fields; i++) {
		unsigned long long v;
		if (word == sizeof(uint32_t)) {
			uint32_t w;
			memcpy(&w, buf + i * word, sizeof w);
			v = w;
		} else {
			uint64_t w;
			memcpy(&w, buf + i * word, sizeof w);
			v = w;
		}
		sb_printf(a->out, "%s%s=%llu", i ? ", " : "", link_stats_fields[i], v);
	}
	sb_putc(a->out, '}');
	return true;
}

static bool decode_link_stats(struct nla_ctx *a, unsigned long addr, unsigned len)
{
	/* rtnl_link_stats: 32-bit counters up to rx_nohandler */
	return print_link_stats(a, addr, len, sizeof(uint32_t), 24);
}

static bool decode_link_stats64(struct nla_ctx *a, unsigned long addr, unsigned len)
{
	return print_link_stats(a, addr, len, sizeof(uint64_t), 25);
}

static bool decode_link_ifmap(struct nla_ctx *a, unsigned long addr, unsigned len)
{
	struct rtnl_link_ifmap map;
	size_t size = offsetof(struct rtnl_link_ifmap, port) + sizeof map.port;
	if (len < size)
		return false;
	if (!fetch(a->c, false, addr, &map, size))
		print_addr(a->out, addr);
	else
		sb_printf(a->out, "{mem_start=%#llx, mem_end=%#llx, base_addr=%#llx, irq=%u, "
			  "dma=%u, port=%u}", (unsigned long long)map.mem_start,
			  (unsigned long long)map.mem_end, (unsigned long long)map.base_addr,
			  map.irq, map.dma, map.port);
	return true;
}

/*
 * How many bytes of a hardware address strace shows: it looks the length up by ARPHRD type,
 * but passes ifi_family as the type (so AF_UNSPEC reads as ARPHRD_NETROM, 7 bytes).
 */
static unsigned hwaddr_shown(uint8_t family)
{
	switch (family) {
	case 0: case 3: return 7;        /* ARPHRD_NETROM, ARPHRD_AX25 */
	case 1: case 6: return 6;        /* ARPHRD_ETHER, ARPHRD_IEEE802 */
	case 7: return 1;                /* ARPHRD_ARCNET */
	case 15: return 2;               /* ARPHRD_DLCI */
	case 24: return 16;              /* ARPHRD_IEEE1394 */
	case 27: return 8;               /* ARPHRD_EUI64 */
	case 32: return 20;              /* ARPHRD_INFINIBAND */
	default: return 255;
	}
}

static bool decode_link_hwaddr(struct nla_ctx *a, unsigned long addr, unsigned len)
{
	const struct ifinfomsg *ifi = a->opaque;
	unsigned char buf[32];
	if (len > sizeof buf)
		return false;
	if (!fetch(a->c, false, addr, buf, len)) {
		print_addr(a->out, addr);
		return true;
	}
	unsigned shown = hwaddr_shown(ifi->ifi_family);
	if (shown > len)
		shown = len;
	for (unsigned i = 0; i < shown; i++)
		sb_printf(a->out, i ? ":%02x" : "%02x", buf[i]);
	return true;
}

static bool decode_link_ifindex(struct nla_ctx *a, unsigned long addr, unsigned len)
{
	uint32_t index;
	if (len < sizeof index)
		return false;
	if (!fetch(a->c, false, addr, &index, sizeof index))
		print_addr(a->out, addr);
	else
		print_ifindex(a->out, index);
	return true;
}

static const nla_decoder ifinfomsg_decoders[] = {
	[IFLA_ADDRESS] = decode_link_hwaddr,
	[IFLA_BROADCAST] = decode_link_hwaddr,
	[IFLA_IFNAME] = decode_nla_str,
	[IFLA_MTU] = decode_nla_u32,
	[IFLA_LINK] = decode_nla_u32,
	[IFLA_QDISC] = decode_nla_str,
	[IFLA_STATS] = decode_link_stats,
	[IFLA_MASTER] = decode_nla_u32,
	[IFLA_TXQLEN] = decode_nla_u32,
	[IFLA_MAP] = decode_link_ifmap,
	[IFLA_WEIGHT] = decode_nla_u32,
	[IFLA_OPERSTATE] = decode_nla_u8,
	[IFLA_LINKMODE] = decode_nla_u8,
	[IFLA_NET_NS_PID] = decode_nla_u32,
	[IFLA_IFALIAS] = decode_nla_str,
	[IFLA_NUM_VF] = decode_nla_u32,
	[IFLA_STATS64] = decode_link_stats64,
	[IFLA_GROUP] = decode_nla_u32,
	[IFLA_NET_NS_FD] = decode_nla_s32,
	[IFLA_PROMISCUITY] = decode_nla_u32,
	[IFLA_NUM_TX_QUEUES] = decode_nla_u32,
	[IFLA_NUM_RX_QUEUES] = decode_nla_u32,
	[IFLA_CARRIER] = decode_nla_u8,
	[IFLA_CARRIER_CHANGES] = decode_nla_u32,
	[IFLA_LINK_NETNSID] = decode_nla_s32,
	[IFLA_PHYS_PORT_NAME] = decode_nla_str,
	[IFLA_PROTO_DOWN] = decode_nla_u8,
	[IFLA_GSO_MAX_SEGS] = decode_nla_u32,
	[IFLA_GSO_MAX_SIZE] = decode_nla_u32,
	[IFLA_NEW_NETNSID] = decode_nla_s32,
	[IFLA_IF_NETNSID] = decode_nla_s32,
	[IFLA_CARRIER_UP_COUNT] = decode_nla_u32,
	[IFLA_CARRIER_DOWN_COUNT] = decode_nla_u32,
	[IFLA_NEW_IFINDEX] = decode_link_ifindex,
	[IFLA_MIN_MTU] = decode_nla_u32,
	[IFLA_MAX_MTU] = decode_nla_u32,
	[IFLA_ALT_IFNAME] = decode_nla_str,
	[IFLA_PERM_ADDRESS] = decode_link_hwaddr,
	[IFLA_PARENT_DEV_NAME] = decode_nla_str,
	[IFLA_PARENT_DEV_BUS_NAME] = decode_nla_str,
	[IFLA_GRO_MAX_SIZE] = decode_nla_u32,
	[IFLA_TSO_MAX_SIZE] = decode_nla_u32,
	[IFLA_TSO_MAX_SEGS] = decode_nla_u32,
	[IFLA_ALLMULTI] = decode_nla_u32,
};

void decode_ifinfomsg(struct syscall_call *c, struct strbuf *out, uint8_t family,
		      unsigned long addr, unsigned len)
{
	struct ifinfomsg ifi = { .ifi_family = family };
	size_t skip = sizeof ifi.ifi_family;
	bool attrs = false;
	sb_puts(out, "{ifi_family=");
	print_xval(out, &xlat_addrfams, family, "AF_???");
	sb_puts(out, ", ");
	if (len < sizeof ifi) {
		sb_puts(out, "...");
	} else if (!fetch(c, false, addr + skip, (char *)&ifi + skip, sizeof ifi - skip)) {
		print_addr(out, addr + skip);
	} else {
		sb_puts(out, "ifi_type=");
		print_xval(out, &xlat_arp_hardware_types, ifi.ifi_type, "ARPHRD_???");
		sb_puts(out, ", ifi_index=");
		print_ifindex(out, (unsigned)ifi.ifi_index);
		sb_puts(out, ", ifi_flags=");
		print_flags(out, &xlat_iffflags, ifi.ifi_flags, "IFF_???");
		sb_printf(out, ", ifi_change=%#x", ifi.ifi_change);
		attrs = true;
	}
	sb_putc(out, '}');
	size_t offset = NLMSG_ALIGN(sizeof ifi);
	if (attrs && len > offset) {
		sb_puts(out, ", ");
		struct nla_ctx a = { c, out, &ifi };
		decode_nlattr(&a, addr + offset, len - offset, &xlat_rtnl_link_attrs, "IFLA_???",
			      ifinfomsg_decoders,
			      sizeof ifinfomsg_decoders / sizeof ifinfomsg_decoders[0]);
	}
}
