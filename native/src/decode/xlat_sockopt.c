/* Socket option names per level (x86_64 values; the names strace 6.1 prints). */
#include "decode/xlat.h"

/* SOL_SOCKET options */
static const struct xlat_pair sock_options_pairs[] = {
	{ 1, "SO_DEBUG" },
	{ 2, "SO_REUSEADDR" },
	{ 3, "SO_TYPE" },
	{ 4, "SO_ERROR" },
	{ 5, "SO_DONTROUTE" },
	{ 6, "SO_BROADCAST" },
	{ 7, "SO_SNDBUF" },
	{ 8, "SO_RCVBUF" },
	{ 9, "SO_KEEPALIVE" },
	{ 10, "SO_OOBINLINE" },
	{ 11, "SO_NO_CHECK" },
	{ 12, "SO_PRIORITY" },
	{ 13, "SO_LINGER" },
	{ 14, "SO_BSDCOMPAT" },
	{ 15, "SO_REUSEPORT" },
	{ 16, "SO_PASSCRED" },
	{ 17, "SO_PEERCRED" },
	{ 18, "SO_RCVLOWAT" },
	{ 19, "SO_SNDLOWAT" },
	{ 20, "SO_RCVTIMEO_OLD" },
	{ 21, "SO_SNDTIMEO_OLD" },
	{ 22, "SO_SECURITY_AUTHENTICATION" },
	{ 23, "SO_SECURITY_ENCRYPTION_TRANSPORT" },
	{ 24, "SO_SECURITY_ENCRYPTION_NETWORK" },
	{ 25, "SO_BINDTODEVICE" },
	{ 27, "SO_DETACH_FILTER" },
	{ 28, "SO_PEERNAME" },
	{ 29, "SO_TIMESTAMP_OLD" },
	{ 30, "SO_ACCEPTCONN" },
	{ 31, "SO_PEERSEC" },
	{ 32, "SO_SNDBUFFORCE" },
	{ 33, "SO_RCVBUFFORCE" },
	{ 34, "SO_PASSSEC" },
	{ 35, "SO_TIMESTAMPNS_OLD" },
	{ 36, "SO_MARK" },
	{ 37, "SO_TIMESTAMPING_OLD" },
	{ 38, "SO_PROTOCOL" },
	{ 39, "SO_DOMAIN" },
	{ 40, "SO_RXQ_OVFL" },
	{ 41, "SO_WIFI_STATUS" },
	{ 42, "SO_PEEK_OFF" },
	{ 43, "SO_NOFCS" },
	{ 44, "SO_LOCK_FILTER" },
	{ 45, "SO_SELECT_ERR_QUEUE" },
	{ 46, "SO_BUSY_POLL" },
	{ 47, "SO_MAX_PACING_RATE" },
	{ 48, "SO_BPF_EXTENSIONS" },
	{ 49, "SO_INCOMING_CPU" },
	{ 50, "SO_ATTACH_BPF" },
	{ 51, "SO_ATTACH_REUSEPORT_CBPF" },
	{ 52, "SO_ATTACH_REUSEPORT_EBPF" },
	{ 53, "SO_CNX_ADVICE" },
	{ 55, "SO_MEMINFO" },
	{ 56, "SO_INCOMING_NAPI_ID" },
	{ 57, "SO_COOKIE" },
	{ 59, "SO_PEERGROUPS" },
	{ 60, "SO_ZEROCOPY" },
	{ 61, "SO_TXTIME" },
	{ 62, "SO_BINDTOIFINDEX" },
	{ 63, "SO_TIMESTAMP_NEW" },
	{ 64, "SO_TIMESTAMPNS_NEW" },
	{ 65, "SO_TIMESTAMPING_NEW" },
	{ 66, "SO_RCVTIMEO_NEW" },
	{ 67, "SO_SNDTIMEO_NEW" },
	{ 68, "SO_DETACH_REUSEPORT_BPF" },
	{ 69, "SO_PREFER_BUSY_POLL" },
	{ 70, "SO_BUSY_POLL_BUDGET" },
	{ 71, "SO_NETNS_COOKIE" },
	{ 72, "SO_BUF_LOCK" },
	{ 73, "SO_RESERVE_MEM" },
	{ 74, "SO_TXREHASH" },
	{ 75, "SO_RCVMARK" },
};
const struct xlat xlat_sock_options = XLAT_TABLE(sock_options_pairs);

/* SOL_SOCKET options only getsockopt knows */
static const struct xlat_pair getsock_options_pairs[] = {
	{ 26, "SO_GET_FILTER" },
};
const struct xlat xlat_getsock_options = XLAT_TABLE(getsock_options_pairs);

/* SOL_SOCKET options only setsockopt knows */
static const struct xlat_pair setsock_options_pairs[] = {
	{ 26, "SO_ATTACH_FILTER" },
};
const struct xlat xlat_setsock_options = XLAT_TABLE(setsock_options_pairs);

/* SOL_IP options */
static const struct xlat_pair sock_ip_options_pairs[] = {
	{ 1, "IP_TOS" },
	{ 2, "IP_TTL" },
	{ 3, "IP_HDRINCL" },
	{ 4, "IP_OPTIONS" },
	{ 5, "IP_ROUTER_ALERT" },
	{ 6, "IP_RECVOPTS" },
	{ 7, "IP_RETOPTS" },
	{ 8, "IP_PKTINFO" },
	{ 9, "IP_PKTOPTIONS" },
	{ 10, "IP_MTU_DISCOVER" },
	{ 11, "IP_RECVERR" },
	{ 12, "IP_RECVTTL" },
	{ 13, "IP_RECVTOS" },
	{ 14, "IP_MTU" },
	{ 15, "IP_FREEBIND" },
	{ 16, "IP_IPSEC_POLICY" },
	{ 17, "IP_XFRM_POLICY" },
	{ 18, "IP_PASSSEC" },
	{ 19, "IP_TRANSPARENT" },
	{ 20, "IP_ORIGDSTADDR" },
	{ 21, "IP_MINTTL" },
	{ 22, "IP_NODEFRAG" },
	{ 23, "IP_CHECKSUM" },
	{ 24, "IP_BIND_ADDRESS_NO_PORT" },
	{ 25, "IP_RECVFRAGSIZE" },
	{ 26, "IP_RECVERR_RFC4884" },
	{ 32, "IP_MULTICAST_IF" },
	{ 33, "IP_MULTICAST_TTL" },
	{ 34, "IP_MULTICAST_LOOP" },
	{ 35, "IP_ADD_MEMBERSHIP" },
	{ 36, "IP_DROP_MEMBERSHIP" },
	{ 37, "IP_UNBLOCK_SOURCE" },
	{ 38, "IP_BLOCK_SOURCE" },
	{ 39, "IP_ADD_SOURCE_MEMBERSHIP" },
	{ 40, "IP_DROP_SOURCE_MEMBERSHIP" },
	{ 41, "IP_MSFILTER" },
	{ 42, "MCAST_JOIN_GROUP" },
	{ 43, "MCAST_BLOCK_SOURCE" },
	{ 44, "MCAST_UNBLOCK_SOURCE" },
	{ 45, "MCAST_LEAVE_GROUP" },
	{ 46, "MCAST_JOIN_SOURCE_GROUP" },
	{ 47, "MCAST_LEAVE_SOURCE_GROUP" },
	{ 48, "MCAST_MSFILTER" },
	{ 49, "IP_MULTICAST_ALL" },
	{ 50, "IP_UNICAST_IF" },
};
const struct xlat xlat_sock_ip_options = XLAT_TABLE(sock_ip_options_pairs);

/* SOL_IP options of netfilter, getsockopt */
static const struct xlat_pair getsock_ip_options_pairs[] = {
	{ 96, "ARPT_SO_GET_INFO" },
	{ 97, "ARPT_SO_GET_ENTRIES" },
	{ 99, "ARPT_SO_GET_REVISION_TARGET" },
	{ 128, "EBT_SO_GET_INFO" },
	{ 129, "EBT_SO_GET_ENTRIES" },
	{ 130, "EBT_SO_GET_INIT_INFO" },
	{ 131, "EBT_SO_GET_INIT_ENTRIES" },
	{ 1152, "IP_VS_SO_GET_VERSION" },
	{ 1153, "IP_VS_SO_GET_INFO" },
	{ 1154, "IP_VS_SO_GET_SERVICES" },
	{ 1155, "IP_VS_SO_GET_SERVICE" },
	{ 1156, "IP_VS_SO_GET_DESTS" },
	{ 1157, "IP_VS_SO_GET_DEST" },
	{ 1158, "IP_VS_SO_GET_TIMEOUT" },
	{ 1159, "IP_VS_SO_GET_DAEMON" },
	{ 64, "IPT_SO_GET_INFO" },
	{ 65, "IPT_SO_GET_ENTRIES" },
	{ 66, "IPT_SO_GET_REVISION_MATCH" },
	{ 67, "IPT_SO_GET_REVISION_TARGET" },
};
const struct xlat xlat_getsock_ip_options = XLAT_TABLE(getsock_ip_options_pairs);

/* SOL_IP options of netfilter, setsockopt */
static const struct xlat_pair setsock_ip_options_pairs[] = {
	{ 96, "ARPT_SO_SET_REPLACE" },
	{ 97, "ARPT_SO_SET_ADD_COUNTERS" },
	{ 128, "EBT_SO_SET_ENTRIES" },
	{ 129, "EBT_SO_SET_COUNTERS" },
	{ 1152, "IP_VS_SO_SET_NONE" },
	{ 1153, "IP_VS_SO_SET_INSERT" },
	{ 1154, "IP_VS_SO_SET_ADD" },
	{ 1155, "IP_VS_SO_SET_EDIT" },
	{ 1156, "IP_VS_SO_SET_DEL" },
	{ 1157, "IP_VS_SO_SET_FLUSH" },
	{ 1158, "IP_VS_SO_SET_LIST" },
	{ 1159, "IP_VS_SO_SET_ADDDEST" },
	{ 1160, "IP_VS_SO_SET_DELDEST" },
	{ 1161, "IP_VS_SO_SET_EDITDEST" },
	{ 1162, "IP_VS_SO_SET_TIMEOUT" },
	{ 1163, "IP_VS_SO_SET_STARTDAEMON" },
	{ 1164, "IP_VS_SO_SET_STOPDAEMON" },
	{ 1165, "IP_VS_SO_SET_RESTORE" },
	{ 1166, "IP_VS_SO_SET_SAVE" },
	{ 1167, "IP_VS_SO_SET_ZERO" },
	{ 64, "IPT_SO_SET_REPLACE" },
	{ 65, "IPT_SO_SET_ADD_COUNTERS" },
};
const struct xlat xlat_setsock_ip_options = XLAT_TABLE(setsock_ip_options_pairs);

/* SOL_IPV6 options */
static const struct xlat_pair sock_ipv6_options_pairs[] = {
	{ 1, "IPV6_ADDRFORM" },
	{ 2, "IPV6_2292PKTINFO" },
	{ 3, "IPV6_2292HOPOPTS" },
	{ 4, "IPV6_2292DSTOPTS" },
	{ 5, "IPV6_2292RTHDR" },
	{ 6, "IPV6_2292PKTOPTIONS" },
	{ 7, "IPV6_CHECKSUM" },
	{ 8, "IPV6_2292HOPLIMIT" },
	{ 9, "IPV6_NEXTHOP" },
	{ 10, "IPV6_AUTHHDR" },
	{ 11, "IPV6_FLOWINFO" },
	{ 16, "IPV6_UNICAST_HOPS" },
	{ 17, "IPV6_MULTICAST_IF" },
	{ 18, "IPV6_MULTICAST_HOPS" },
	{ 19, "IPV6_MULTICAST_LOOP" },
	{ 20, "IPV6_ADD_MEMBERSHIP" },
	{ 21, "IPV6_DROP_MEMBERSHIP" },
	{ 22, "IPV6_ROUTER_ALERT" },
	{ 23, "IPV6_MTU_DISCOVER" },
	{ 24, "IPV6_MTU" },
	{ 25, "IPV6_RECVERR" },
	{ 26, "IPV6_V6ONLY" },
	{ 27, "IPV6_JOIN_ANYCAST" },
	{ 28, "IPV6_LEAVE_ANYCAST" },
	{ 29, "IPV6_MULTICAST_ALL" },
	{ 30, "IPV6_ROUTER_ALERT_ISOLATE" },
	{ 31, "IPV6_RECVERR_RFC4884" },
	{ 32, "IPV6_FLOWLABEL_MGR" },
	{ 33, "IPV6_FLOWINFO_SEND" },
	{ 34, "IPV6_IPSEC_POLICY" },
	{ 35, "IPV6_XFRM_POLICY" },
	{ 36, "IPV6_HDRINCL" },
	{ 42, "MCAST_JOIN_GROUP" },
	{ 43, "MCAST_BLOCK_SOURCE" },
	{ 44, "MCAST_UNBLOCK_SOURCE" },
	{ 45, "MCAST_LEAVE_GROUP" },
	{ 46, "MCAST_JOIN_SOURCE_GROUP" },
	{ 47, "MCAST_LEAVE_SOURCE_GROUP" },
	{ 48, "MCAST_MSFILTER" },
	{ 49, "IPV6_RECVPKTINFO" },
	{ 50, "IPV6_PKTINFO" },
	{ 51, "IPV6_RECVHOPLIMIT" },
	{ 52, "IPV6_HOPLIMIT" },
	{ 53, "IPV6_RECVHOPOPTS" },
	{ 54, "IPV6_HOPOPTS" },
	{ 55, "IPV6_RTHDRDSTOPTS" },
	{ 56, "IPV6_RECVRTHDR" },
	{ 57, "IPV6_RTHDR" },
	{ 58, "IPV6_RECVDSTOPTS" },
	{ 59, "IPV6_DSTOPTS" },
	{ 60, "IPV6_RECVPATHMTU" },
	{ 61, "IPV6_PATHMTU" },
	{ 62, "IPV6_DONTFRAG" },
	{ 63, "IPV6_USE_MIN_MTU" },
	{ 66, "IPV6_RECVTCLASS" },
	{ 67, "IPV6_TCLASS" },
	{ 70, "IPV6_AUTOFLOWLABEL" },
	{ 72, "IPV6_ADDR_PREFERENCES" },
	{ 73, "IPV6_MINHOPCOUNT" },
	{ 74, "IPV6_ORIGDSTADDR" },
	{ 75, "IPV6_TRANSPARENT" },
	{ 76, "IPV6_UNICAST_IF" },
	{ 77, "IPV6_RECVFRAGSIZE" },
	{ 78, "IPV6_FREEBIND" },
};
const struct xlat xlat_sock_ipv6_options = XLAT_TABLE(sock_ipv6_options_pairs);

/* SOL_IPV6 options of netfilter, getsockopt */
static const struct xlat_pair getsock_ipv6_options_pairs[] = {
	{ 64, "IP6T_SO_GET_INFO" },
	{ 65, "IP6T_SO_GET_ENTRIES" },
	{ 68, "IP6T_SO_GET_REVISION_MATCH" },
	{ 69, "IP6T_SO_GET_REVISION_TARGET" },
};
const struct xlat xlat_getsock_ipv6_options = XLAT_TABLE(getsock_ipv6_options_pairs);

/* SOL_IPV6 options of netfilter, setsockopt */
static const struct xlat_pair setsock_ipv6_options_pairs[] = {
	{ 64, "IP6T_SO_SET_REPLACE" },
	{ 65, "IP6T_SO_SET_ADD_COUNTERS" },
};
const struct xlat xlat_setsock_ipv6_options = XLAT_TABLE(setsock_ipv6_options_pairs);

/* SOL_TCP options */
static const struct xlat_pair sock_tcp_options_pairs[] = {
	{ 1, "TCP_NODELAY" },
	{ 2, "TCP_MAXSEG" },
	{ 3, "TCP_CORK" },
	{ 4, "TCP_KEEPIDLE" },
	{ 5, "TCP_KEEPINTVL" },
	{ 6, "TCP_KEEPCNT" },
	{ 7, "TCP_SYNCNT" },
	{ 8, "TCP_LINGER2" },
	{ 9, "TCP_DEFER_ACCEPT" },
	{ 10, "TCP_WINDOW_CLAMP" },
	{ 11, "TCP_INFO" },
	{ 12, "TCP_QUICKACK" },
	{ 13, "TCP_CONGESTION" },
	{ 14, "TCP_MD5SIG" },
	{ 15, "TCP_COOKIE_TRANSACTIONS" },
	{ 16, "TCP_THIN_LINEAR_TIMEOUTS" },
	{ 17, "TCP_THIN_DUPACK" },
	{ 18, "TCP_USER_TIMEOUT" },
	{ 19, "TCP_REPAIR" },
	{ 20, "TCP_REPAIR_QUEUE" },
	{ 21, "TCP_QUEUE_SEQ" },
	{ 22, "TCP_REPAIR_OPTIONS" },
	{ 23, "TCP_FASTOPEN" },
	{ 24, "TCP_TIMESTAMP" },
	{ 25, "TCP_NOTSENT_LOWAT" },
	{ 26, "TCP_CC_INFO" },
	{ 27, "TCP_SAVE_SYN" },
	{ 28, "TCP_SAVED_SYN" },
	{ 29, "TCP_REPAIR_WINDOW" },
	{ 30, "TCP_FASTOPEN_CONNECT" },
	{ 31, "TCP_ULP" },
	{ 32, "TCP_MD5SIG_EXT" },
	{ 33, "TCP_FASTOPEN_KEY" },
	{ 34, "TCP_FASTOPEN_NO_COOKIE" },
	{ 35, "TCP_ZEROCOPY_RECEIVE" },
	{ 36, "TCP_INQ" },
	{ 37, "TCP_TX_DELAY" },
};
const struct xlat xlat_sock_tcp_options = XLAT_TABLE(sock_tcp_options_pairs);

/* SOL_UDP options */
static const struct xlat_pair sock_udp_options_pairs[] = {
	{ 1, "UDP_CORK" },
	{ 100, "UDP_ENCAP" },
	{ 101, "UDP_NO_CHECK6_TX" },
	{ 102, "UDP_NO_CHECK6_RX" },
	{ 103, "UDP_SEGMENT" },
	{ 104, "UDP_GRO" },
};
const struct xlat xlat_sock_udp_options = XLAT_TABLE(sock_udp_options_pairs);

/* SOL_NETLINK options */
static const struct xlat_pair sock_netlink_options_pairs[] = {
	{ 1, "NETLINK_ADD_MEMBERSHIP" },
	{ 2, "NETLINK_DROP_MEMBERSHIP" },
	{ 3, "NETLINK_PKTINFO" },
	{ 4, "NETLINK_BROADCAST_ERROR" },
	{ 5, "NETLINK_NO_ENOBUFS" },
	{ 6, "NETLINK_RX_RING" },
	{ 7, "NETLINK_TX_RING" },
	{ 8, "NETLINK_LISTEN_ALL_NSID" },
	{ 9, "NETLINK_LIST_MEMBERSHIPS" },
	{ 10, "NETLINK_CAP_ACK" },
	{ 11, "NETLINK_EXT_ACK" },
	{ 12, "NETLINK_GET_STRICT_CHK" },
};
const struct xlat xlat_sock_netlink_options = XLAT_TABLE(sock_netlink_options_pairs);

/* SOL_PACKET options */
static const struct xlat_pair sock_packet_options_pairs[] = {
	{ 1, "PACKET_ADD_MEMBERSHIP" },
	{ 2, "PACKET_DROP_MEMBERSHIP" },
	{ 3, "PACKET_RECV_OUTPUT" },
	{ 5, "PACKET_RX_RING" },
	{ 6, "PACKET_STATISTICS" },
	{ 7, "PACKET_COPY_THRESH" },
	{ 8, "PACKET_AUXDATA" },
	{ 9, "PACKET_ORIGDEV" },
	{ 10, "PACKET_VERSION" },
	{ 11, "PACKET_HDRLEN" },
	{ 12, "PACKET_RESERVE" },
	{ 13, "PACKET_TX_RING" },
	{ 14, "PACKET_LOSS" },
	{ 15, "PACKET_VNET_HDR" },
	{ 16, "PACKET_TX_TIMESTAMP" },
	{ 17, "PACKET_TIMESTAMP" },
	{ 18, "PACKET_FANOUT" },
	{ 19, "PACKET_TX_HAS_OFF" },
	{ 20, "PACKET_QDISC_BYPASS" },
	{ 21, "PACKET_ROLLOVER_STATS" },
	{ 22, "PACKET_FANOUT_DATA" },
	{ 23, "PACKET_IGNORE_OUTGOING" },
};
const struct xlat xlat_sock_packet_options = XLAT_TABLE(sock_packet_options_pairs);

/* SOL_RAW options */
static const struct xlat_pair sock_raw_options_pairs[] = {
	{ 1, "ICMP_FILTER" },
};
const struct xlat xlat_sock_raw_options = XLAT_TABLE(sock_raw_options_pairs);

/* SO_TXREHASH values */
static const struct xlat_pair sockopt_txrehash_vals_pairs[] = {
	{ 0, "SOCK_TXREHASH_DISABLED" },
	{ 1, "SOCK_TXREHASH_ENABLED" },
	{ 255, "SOCK_TXREHASH_DEFAULT" },
};
const struct xlat xlat_sockopt_txrehash_vals = XLAT_TABLE(sockopt_txrehash_vals_pairs);

/* ICMP types, the bits of ICMP_FILTER */
static const struct xlat_pair icmp_filter_flags_pairs[] = {
	{ 0, "ICMP_ECHOREPLY" },
	{ 3, "ICMP_DEST_UNREACH" },
	{ 4, "ICMP_SOURCE_QUENCH" },
	{ 5, "ICMP_REDIRECT" },
	{ 8, "ICMP_ECHO" },
	{ 11, "ICMP_TIME_EXCEEDED" },
	{ 12, "ICMP_PARAMETERPROB" },
	{ 13, "ICMP_TIMESTAMP" },
	{ 14, "ICMP_TIMESTAMPREPLY" },
	{ 15, "ICMP_INFO_REQUEST" },
	{ 16, "ICMP_INFO_REPLY" },
	{ 17, "ICMP_ADDRESS" },
	{ 18, "ICMP_ADDRESSREPLY" },
};
const struct xlat xlat_icmp_filter_flags = XLAT_TABLE(icmp_filter_flags_pairs);
