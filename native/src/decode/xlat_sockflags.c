/* Flags and levels of the socket calls (x86_64 values; strace 6.1's names and order). */
#include "decode/xlat.h"

/* MSG_* in strace order: printed in this order */
static const struct xlat_pair msg_flags_pairs[] = {
	{ 0x1, "MSG_OOB" },
	{ 0x2, "MSG_PEEK" },
	{ 0x4, "MSG_DONTROUTE" },
	{ 0x8, "MSG_CTRUNC" },
	{ 0x10, "MSG_PROBE" },
	{ 0x20, "MSG_TRUNC" },
	{ 0x40, "MSG_DONTWAIT" },
	{ 0x80, "MSG_EOR" },
	{ 0x100, "MSG_WAITALL" },
	{ 0x200, "MSG_FIN" },
	{ 0x400, "MSG_SYN" },
	{ 0x800, "MSG_CONFIRM" },
	{ 0x1000, "MSG_RST" },
	{ 0x2000, "MSG_ERRQUEUE" },
	{ 0x4000, "MSG_NOSIGNAL" },
	{ 0x8000, "MSG_MORE" },
	{ 0x10000, "MSG_WAITFORONE" },
	{ 0x20000, "MSG_SENDPAGE_NOTLAST" },
	{ 0x40000, "MSG_BATCH" },
	{ 0x80000, "MSG_NO_SHARED_FRAGS" },
	{ 0x4000000, "MSG_ZEROCOPY" },
	{ 0x20000000, "MSG_FASTOPEN" },
	{ 0x40000000, "MSG_CMSG_CLOEXEC" },
	{ 0x80000000, "MSG_CMSG_COMPAT" },
};
const struct xlat xlat_msg_flags = XLAT_TABLE(msg_flags_pairs);

/* shutdown(2) how */
static const struct xlat_pair shutdown_modes_pairs[] = {
	{ 0, "SHUT_RD" },
	{ 1, "SHUT_WR" },
	{ 2, "SHUT_RDWR" },
};
const struct xlat xlat_shutdown_modes = XLAT_TABLE(shutdown_modes_pairs);

/* setsockopt/getsockopt levels */
static const struct xlat_pair socketlayers_pairs[] = {
	{ 0, "SOL_IP" },
	{ 1, "SOL_SOCKET" },
	{ 6, "SOL_TCP" },
	{ 17, "SOL_UDP" },
	{ 40, "AF_VSOCK" },
	{ 41, "SOL_IPV6" },
	{ 58, "SOL_ICMPV6" },
	{ 100, "SOL_CAN_BASE" },
	{ 101, "SOL_CAN_RAW" },
	{ 132, "SOL_SCTP" },
	{ 136, "SOL_UDPLITE" },
	{ 255, "SOL_RAW" },
	{ 256, "SOL_IPX" },
	{ 257, "SOL_AX25" },
	{ 258, "SOL_ATALK" },
	{ 259, "SOL_NETROM" },
	{ 260, "SOL_ROSE" },
	{ 261, "SOL_DECNET" },
	{ 262, "SOL_X25" },
	{ 263, "SOL_PACKET" },
	{ 264, "SOL_ATM" },
	{ 265, "SOL_AAL" },
	{ 266, "SOL_IRDA" },
	{ 267, "SOL_NETBEUI" },
	{ 268, "SOL_LLC" },
	{ 269, "SOL_DCCP" },
	{ 270, "SOL_NETLINK" },
	{ 271, "SOL_TIPC" },
	{ 272, "SOL_RXRPC" },
	{ 273, "SOL_PPPOL2TP" },
	{ 274, "SOL_BLUETOOTH" },
	{ 275, "SOL_PNPIPE" },
	{ 276, "SOL_RDS" },
	{ 277, "SOL_IUCV" },
	{ 278, "SOL_CAIF" },
	{ 279, "SOL_ALG" },
	{ 280, "SOL_NFC" },
	{ 281, "SOL_KCM" },
	{ 282, "SOL_TLS" },
	{ 283, "SOL_XDP" },
};
const struct xlat xlat_socketlayers = XLAT_TABLE(socketlayers_pairs);

/* cmsg_type at SOL_SOCKET */
static const struct xlat_pair scmvals_pairs[] = {
	{ 1, "SCM_RIGHTS" },
	{ 2, "SCM_CREDENTIALS" },
	{ 3, "SCM_SECURITY" },
	{ 41, "SO_WIFI_STATUS" },
	{ 61, "SO_TXTIME" },
	{ 29, "SO_TIMESTAMP_OLD" },
	{ 35, "SO_TIMESTAMPNS_OLD" },
	{ 37, "SO_TIMESTAMPING_OLD" },
	{ 63, "SO_TIMESTAMP_NEW" },
	{ 64, "SO_TIMESTAMPNS_NEW" },
	{ 65, "SO_TIMESTAMPING_NEW" },
	{ 0x36, "SCM_TIMESTAMPING_OPT_STATS" },
	{ 0x3a, "SCM_TIMESTAMPING_PKTINFO" },
};
const struct xlat xlat_scmvals = XLAT_TABLE(scmvals_pairs);

/* cmsg_type at SOL_IP */
static const struct xlat_pair ip_cmsg_types_pairs[] = {
	{ 1, "IP_TOS" },
	{ 2, "IP_TTL" },
	{ 6, "IP_RECVOPTS" },
	{ 7, "IP_RETOPTS" },
	{ 8, "IP_PKTINFO" },
	{ 11, "IP_RECVERR" },
	{ 20, "IP_ORIGDSTADDR" },
	{ 23, "IP_CHECKSUM" },
	{ 3, "SCM_SECURITY" },
};
const struct xlat xlat_ip_cmsg_types = XLAT_TABLE(ip_cmsg_types_pairs);
