/* Netlink constants (kernel UAPI values; strace 6.1's names and order). */
#include "decode/xlat.h"

/* reserved control message types */
static const struct xlat_pair netlink_types_pairs[] = {
	{ 0x1, "NLMSG_NOOP" },
	{ 0x2, "NLMSG_ERROR" },
	{ 0x3, "NLMSG_DONE" },
	{ 0x4, "NLMSG_OVERRUN" },
};
const struct xlat xlat_netlink_types = XLAT_TABLE(netlink_types_pairs);

/* nlmsg_flags of every message */
static const struct xlat_pair netlink_flags_pairs[] = {
	{ 0x1, "NLM_F_REQUEST" },
	{ 0x2, "NLM_F_MULTI" },
	{ 0x4, "NLM_F_ACK" },
	{ 0x8, "NLM_F_ECHO" },
	{ 0x10, "NLM_F_DUMP_INTR" },
	{ 0x20, "NLM_F_DUMP_FILTERED" },
};
const struct xlat xlat_netlink_flags = XLAT_TABLE(netlink_flags_pairs);

/* nlmsg_flags of GET requests */
static const struct xlat_pair netlink_get_flags_pairs[] = {
	{ 0x300, "NLM_F_DUMP" },
	{ 0x100, "NLM_F_ROOT" },
	{ 0x200, "NLM_F_MATCH" },
	{ 0x400, "NLM_F_ATOMIC" },
};
const struct xlat xlat_netlink_get_flags = XLAT_TABLE(netlink_get_flags_pairs);

/* nlmsg_flags of NEW requests */
static const struct xlat_pair netlink_new_flags_pairs[] = {
	{ 0x100, "NLM_F_REPLACE" },
	{ 0x200, "NLM_F_EXCL" },
	{ 0x400, "NLM_F_CREATE" },
	{ 0x800, "NLM_F_APPEND" },
};
const struct xlat xlat_netlink_new_flags = XLAT_TABLE(netlink_new_flags_pairs);

/* nlmsg_flags of DEL requests */
static const struct xlat_pair netlink_delete_flags_pairs[] = {
	{ 0x100, "NLM_F_NONREC" },
	{ 0x200, "NLM_F_BULK" },
};
const struct xlat xlat_netlink_delete_flags = XLAT_TABLE(netlink_delete_flags_pairs);

/* nlmsg_flags of NLMSG_ERROR acks */
static const struct xlat_pair netlink_ack_flags_pairs[] = {
	{ 0x100, "NLM_F_CAPPED" },
	{ 0x200, "NLM_F_ACK_TLVS" },
};
const struct xlat xlat_netlink_ack_flags = XLAT_TABLE(netlink_ack_flags_pairs);

/* NETLINK_ROUTE message types */
static const struct xlat_pair nl_route_types_pairs[] = {
	{ 0x10, "RTM_NEWLINK" },
	{ 0x11, "RTM_DELLINK" },
	{ 0x12, "RTM_GETLINK" },
	{ 0x13, "RTM_SETLINK" },
	{ 0x14, "RTM_NEWADDR" },
	{ 0x15, "RTM_DELADDR" },
	{ 0x16, "RTM_GETADDR" },
	{ 0x18, "RTM_NEWROUTE" },
	{ 0x19, "RTM_DELROUTE" },
	{ 0x1a, "RTM_GETROUTE" },
	{ 0x1c, "RTM_NEWNEIGH" },
	{ 0x1d, "RTM_DELNEIGH" },
	{ 0x1e, "RTM_GETNEIGH" },
	{ 0x20, "RTM_NEWRULE" },
	{ 0x21, "RTM_DELRULE" },
	{ 0x22, "RTM_GETRULE" },
	{ 0x24, "RTM_NEWQDISC" },
	{ 0x25, "RTM_DELQDISC" },
	{ 0x26, "RTM_GETQDISC" },
	{ 0x28, "RTM_NEWTCLASS" },
	{ 0x29, "RTM_DELTCLASS" },
	{ 0x2a, "RTM_GETTCLASS" },
	{ 0x2c, "RTM_NEWTFILTER" },
	{ 0x2d, "RTM_DELTFILTER" },
	{ 0x2e, "RTM_GETTFILTER" },
	{ 0x30, "RTM_NEWACTION" },
	{ 0x31, "RTM_DELACTION" },
	{ 0x32, "RTM_GETACTION" },
	{ 0x34, "RTM_NEWPREFIX" },
	{ 0x3a, "RTM_GETMULTICAST" },
	{ 0x3e, "RTM_GETANYCAST" },
	{ 0x40, "RTM_NEWNEIGHTBL" },
	{ 0x42, "RTM_GETNEIGHTBL" },
	{ 0x43, "RTM_SETNEIGHTBL" },
	{ 0x44, "RTM_NEWNDUSEROPT" },
	{ 0x48, "RTM_NEWADDRLABEL" },
	{ 0x49, "RTM_DELADDRLABEL" },
	{ 0x4a, "RTM_GETADDRLABEL" },
	{ 0x4e, "RTM_GETDCB" },
	{ 0x4f, "RTM_SETDCB" },
	{ 0x50, "RTM_NEWNETCONF" },
	{ 0x51, "RTM_DELNETCONF" },
	{ 0x52, "RTM_GETNETCONF" },
	{ 0x54, "RTM_NEWMDB" },
	{ 0x55, "RTM_DELMDB" },
	{ 0x56, "RTM_GETMDB" },
	{ 0x58, "RTM_NEWNSID" },
	{ 0x59, "RTM_DELNSID" },
	{ 0x5a, "RTM_GETNSID" },
	{ 0x5c, "RTM_NEWSTATS" },
	{ 0x5e, "RTM_GETSTATS" },
	{ 0x60, "RTM_NEWCACHEREPORT" },
	{ 0x64, "RTM_NEWCHAIN" },
	{ 0x65, "RTM_DELCHAIN" },
	{ 0x66, "RTM_GETCHAIN" },
	{ 0x68, "RTM_NEWNEXTHOP" },
	{ 0x69, "RTM_DELNEXTHOP" },
	{ 0x6a, "RTM_GETNEXTHOP" },
	{ 0x6c, "RTM_NEWLINKPROP" },
	{ 0x6d, "RTM_DELLINKPROP" },
	{ 0x6e, "RTM_GETLINKPROP" },
	{ 0x70, "RTM_NEWVLAN" },
	{ 0x71, "RTM_DELVLAN" },
	{ 0x72, "RTM_GETVLAN" },
	{ 0x74, "RTM_NEWNEXTHOPBUCKET" },
	{ 0x75, "RTM_DELNEXTHOPBUCKET" },
	{ 0x76, "RTM_GETNEXTHOPBUCKET" },
};
const struct xlat xlat_nl_route_types = XLAT_TABLE(nl_route_types_pairs);

/* ifa_flags and IFA_FLAGS */
static const struct xlat_pair ifaddrflags_pairs[] = {
	{ 0x1, "IFA_F_SECONDARY" },
	{ 0x2, "IFA_F_NODAD" },
	{ 0x4, "IFA_F_OPTIMISTIC" },
	{ 0x8, "IFA_F_DADFAILED" },
	{ 0x10, "IFA_F_HOMEADDRESS" },
	{ 0x20, "IFA_F_DEPRECATED" },
	{ 0x40, "IFA_F_TENTATIVE" },
	{ 0x80, "IFA_F_PERMANENT" },
	{ 0x100, "IFA_F_MANAGETEMPADDR" },
	{ 0x200, "IFA_F_NOPREFIXROUTE" },
	{ 0x400, "IFA_F_MCAUTOJOIN" },
	{ 0x800, "IFA_F_STABLE_PRIVACY" },
};
const struct xlat xlat_ifaddrflags = XLAT_TABLE(ifaddrflags_pairs);

/* ifa_scope */
static const struct xlat_pair routing_scopes_pairs[] = {
	{ 0, "RT_SCOPE_UNIVERSE" },
	{ 200, "RT_SCOPE_SITE" },
	{ 253, "RT_SCOPE_LINK" },
	{ 254, "RT_SCOPE_HOST" },
	{ 255, "RT_SCOPE_NOWHERE" },
};
const struct xlat xlat_routing_scopes = XLAT_TABLE(routing_scopes_pairs);

/* RTM_*ADDR attributes */
static const struct xlat_pair rtnl_addr_attrs_pairs[] = {
	{ 0, "IFA_UNSPEC" },
	{ 1, "IFA_ADDRESS" },
	{ 2, "IFA_LOCAL" },
	{ 3, "IFA_LABEL" },
	{ 4, "IFA_BROADCAST" },
	{ 5, "IFA_ANYCAST" },
	{ 6, "IFA_CACHEINFO" },
	{ 7, "IFA_MULTICAST" },
	{ 8, "IFA_FLAGS" },
	{ 9, "IFA_RT_PRIORITY" },
	{ 10, "IFA_TARGET_NETNSID" },
	{ 11, "IFA_PROTO" },
};
const struct xlat xlat_rtnl_addr_attrs = XLAT_TABLE(rtnl_addr_attrs_pairs);

/* NLMSG_ERROR extended ack attributes */
static const struct xlat_pair nlmsgerr_attrs_pairs[] = {
	{ 0, "NLMSGERR_ATTR_UNUSED" },
	{ 1, "NLMSGERR_ATTR_MSG" },
	{ 2, "NLMSGERR_ATTR_OFFS" },
	{ 3, "NLMSGERR_ATTR_COOKIE" },
	{ 4, "NLMSGERR_ATTR_POLICY" },
	{ 5, "NLMSGERR_ATTR_MISS_TYPE" },
	{ 6, "NLMSGERR_ATTR_MISS_NEST" },
};
const struct xlat xlat_nlmsgerr_attrs = XLAT_TABLE(nlmsgerr_attrs_pairs);

/* NETLINK_SOCK_DIAG message types */
static const struct xlat_pair nl_sock_diag_types_pairs[] = {
	{ 18, "TCPDIAG_GETSOCK" },
	{ 19, "DCCPDIAG_GETSOCK" },
	{ 20, "SOCK_DIAG_BY_FAMILY" },
	{ 21, "SOCK_DESTROY" },
};
const struct xlat xlat_nl_sock_diag_types = XLAT_TABLE(nl_sock_diag_types_pairs);

/* RTM_*LINK attributes (strace 6.1 knows them up to IFLA_ALLMULTI) */
static const struct xlat_pair rtnl_link_attrs_pairs[] = {
	{ 0, "IFLA_UNSPEC" },
	{ 1, "IFLA_ADDRESS" },
	{ 2, "IFLA_BROADCAST" },
	{ 3, "IFLA_IFNAME" },
	{ 4, "IFLA_MTU" },
	{ 5, "IFLA_LINK" },
	{ 6, "IFLA_QDISC" },
	{ 7, "IFLA_STATS" },
	{ 8, "IFLA_COST" },
	{ 9, "IFLA_PRIORITY" },
	{ 10, "IFLA_MASTER" },
	{ 11, "IFLA_WIRELESS" },
	{ 12, "IFLA_PROTINFO" },
	{ 13, "IFLA_TXQLEN" },
	{ 14, "IFLA_MAP" },
	{ 15, "IFLA_WEIGHT" },
	{ 16, "IFLA_OPERSTATE" },
	{ 17, "IFLA_LINKMODE" },
	{ 18, "IFLA_LINKINFO" },
	{ 19, "IFLA_NET_NS_PID" },
	{ 20, "IFLA_IFALIAS" },
	{ 21, "IFLA_NUM_VF" },
	{ 22, "IFLA_VFINFO_LIST" },
	{ 23, "IFLA_STATS64" },
	{ 24, "IFLA_VF_PORTS" },
	{ 25, "IFLA_PORT_SELF" },
	{ 26, "IFLA_AF_SPEC" },
	{ 27, "IFLA_GROUP" },
	{ 28, "IFLA_NET_NS_FD" },
	{ 29, "IFLA_EXT_MASK" },
	{ 30, "IFLA_PROMISCUITY" },
	{ 31, "IFLA_NUM_TX_QUEUES" },
	{ 32, "IFLA_NUM_RX_QUEUES" },
	{ 33, "IFLA_CARRIER" },
	{ 34, "IFLA_PHYS_PORT_ID" },
	{ 35, "IFLA_CARRIER_CHANGES" },
	{ 36, "IFLA_PHYS_SWITCH_ID" },
	{ 37, "IFLA_LINK_NETNSID" },
	{ 38, "IFLA_PHYS_PORT_NAME" },
	{ 39, "IFLA_PROTO_DOWN" },
	{ 40, "IFLA_GSO_MAX_SEGS" },
	{ 41, "IFLA_GSO_MAX_SIZE" },
	{ 42, "IFLA_PAD" },
	{ 43, "IFLA_XDP" },
	{ 44, "IFLA_EVENT" },
	{ 45, "IFLA_NEW_NETNSID" },
	{ 46, "IFLA_IF_NETNSID" },
	{ 47, "IFLA_CARRIER_UP_COUNT" },
	{ 48, "IFLA_CARRIER_DOWN_COUNT" },
	{ 49, "IFLA_NEW_IFINDEX" },
	{ 50, "IFLA_MIN_MTU" },
	{ 51, "IFLA_MAX_MTU" },
	{ 52, "IFLA_PROP_LIST" },
	{ 53, "IFLA_ALT_IFNAME" },
	{ 54, "IFLA_PERM_ADDRESS" },
	{ 55, "IFLA_PROTO_DOWN_REASON" },
	{ 56, "IFLA_PARENT_DEV_NAME" },
	{ 57, "IFLA_PARENT_DEV_BUS_NAME" },
	{ 58, "IFLA_GRO_MAX_SIZE" },
	{ 59, "IFLA_TSO_MAX_SIZE" },
	{ 60, "IFLA_TSO_MAX_SEGS" },
	{ 61, "IFLA_ALLMULTI" },
};
const struct xlat xlat_rtnl_link_attrs = XLAT_TABLE(rtnl_link_attrs_pairs);

/* ifi_flags: interface flags */
static const struct xlat_pair iffflags_pairs[] = {
	{ 0x1, "IFF_UP" },
	{ 0x2, "IFF_BROADCAST" },
	{ 0x4, "IFF_DEBUG" },
	{ 0x8, "IFF_LOOPBACK" },
	{ 0x10, "IFF_POINTOPOINT" },
	{ 0x20, "IFF_NOTRAILERS" },
	{ 0x40, "IFF_RUNNING" },
	{ 0x80, "IFF_NOARP" },
	{ 0x100, "IFF_PROMISC" },
	{ 0x200, "IFF_ALLMULTI" },
	{ 0x400, "IFF_MASTER" },
	{ 0x800, "IFF_SLAVE" },
	{ 0x1000, "IFF_MULTICAST" },
	{ 0x2000, "IFF_PORTSEL" },
	{ 0x4000, "IFF_AUTOMEDIA" },
	{ 0x8000, "IFF_DYNAMIC" },
	{ 0x10000, "IFF_LOWER_UP" },
	{ 0x20000, "IFF_DORMANT" },
	{ 0x40000, "IFF_ECHO" },
};
const struct xlat xlat_iffflags = XLAT_TABLE(iffflags_pairs);
