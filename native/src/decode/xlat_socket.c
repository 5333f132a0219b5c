/* Socket families, types and protocols by number (x86_64 values; strace 6.1's names). */
#include "decode/xlat.h"

/* socket(2) domains */
static const struct xlat_pair addrfams_pairs[] = {
	{ 0, "AF_UNSPEC" },
	{ 1, "AF_UNIX" },
	{ 2, "AF_INET" },
	{ 3, "AF_AX25" },
	{ 4, "AF_IPX" },
	{ 5, "AF_APPLETALK" },
	{ 6, "AF_NETROM" },
	{ 7, "AF_BRIDGE" },
	{ 8, "AF_ATMPVC" },
	{ 9, "AF_X25" },
	{ 10, "AF_INET6" },
	{ 11, "AF_ROSE" },
	{ 12, "AF_DECnet" },
	{ 13, "AF_NETBEUI" },
	{ 14, "AF_SECURITY" },
	{ 15, "AF_KEY" },
	{ 16, "AF_NETLINK" },
	{ 17, "AF_PACKET" },
	{ 18, "AF_ASH" },
	{ 19, "AF_ECONET" },
	{ 20, "AF_ATMSVC" },
	{ 21, "AF_RDS" },
	{ 22, "AF_SNA" },
	{ 23, "AF_IRDA" },
	{ 24, "AF_PPPOX" },
	{ 25, "AF_WANPIPE" },
	{ 26, "AF_LLC" },
	{ 27, "AF_IB" },
	{ 28, "AF_MPLS" },
	{ 29, "AF_CAN" },
	{ 30, "AF_TIPC" },
	{ 31, "AF_BLUETOOTH" },
	{ 32, "AF_IUCV" },
	{ 33, "AF_RXRPC" },
	{ 34, "AF_ISDN" },
	{ 35, "AF_PHONET" },
	{ 36, "AF_IEEE802154" },
	{ 37, "AF_CAIF" },
	{ 38, "AF_ALG" },
	{ 39, "AF_NFC" },
	{ 40, "AF_VSOCK" },
	{ 41, "AF_KCM" },
	{ 42, "AF_QIPCRTR" },
	{ 43, "AF_SMC" },
	{ 44, "AF_XDP" },
	{ 45, "AF_MCTP" },
};
const struct xlat xlat_addrfams = XLAT_TABLE(addrfams_pairs);

/* the low four bits of a socket type */
static const struct xlat_pair socktypes_pairs[] = {
	{ 1, "SOCK_STREAM" },
	{ 2, "SOCK_DGRAM" },
	{ 3, "SOCK_RAW" },
	{ 4, "SOCK_RDM" },
	{ 5, "SOCK_SEQPACKET" },
	{ 6, "SOCK_DCCP" },
	{ 10, "SOCK_PACKET" },
};
const struct xlat xlat_socktypes = XLAT_TABLE(socktypes_pairs);

/* socket type flags, also accept4 flags; strace prints CLOEXEC first */
static const struct xlat_pair sock_type_flags_pairs[] = {
	{ 02000000, "SOCK_CLOEXEC" },
	{ 04000, "SOCK_NONBLOCK" },
};
const struct xlat xlat_sock_type_flags = XLAT_TABLE(sock_type_flags_pairs);

/* protocols of AF_INET and AF_INET6 sockets */
static const struct xlat_pair inet_protocols_pairs[] = {
	{ 0, "IPPROTO_IP" },
	{ 1, "IPPROTO_ICMP" },
	{ 2, "IPPROTO_IGMP" },
	{ 4, "IPPROTO_IPIP" },
	{ 6, "IPPROTO_TCP" },
	{ 8, "IPPROTO_EGP" },
	{ 12, "IPPROTO_PUP" },
	{ 17, "IPPROTO_UDP" },
	{ 22, "IPPROTO_IDP" },
	{ 29, "IPPROTO_TP" },
	{ 33, "IPPROTO_DCCP" },
	{ 41, "IPPROTO_IPV6" },
	{ 43, "IPPROTO_ROUTING" },
	{ 44, "IPPROTO_FRAGMENT" },
	{ 46, "IPPROTO_RSVP" },
	{ 47, "IPPROTO_GRE" },
	{ 50, "IPPROTO_ESP" },
	{ 51, "IPPROTO_AH" },
	{ 58, "IPPROTO_ICMPV6" },
	{ 59, "IPPROTO_NONE" },
	{ 60, "IPPROTO_DSTOPTS" },
	{ 92, "IPPROTO_MTP" },
	{ 94, "IPPROTO_BEETPH" },
	{ 98, "IPPROTO_ENCAP" },
	{ 103, "IPPROTO_PIM" },
	{ 108, "IPPROTO_COMP" },
	{ 115, "IPPROTO_L2TP" },
	{ 132, "IPPROTO_SCTP" },
	{ 135, "IPPROTO_MH" },
	{ 136, "IPPROTO_UDPLITE" },
	{ 137, "IPPROTO_MPLS" },
	{ 143, "IPPROTO_ETHERNET" },
	{ 255, "IPPROTO_RAW" },
	{ 262, "IPPROTO_MPTCP" },
};
const struct xlat xlat_inet_protocols = XLAT_TABLE(inet_protocols_pairs);

/* protocols of AF_NETLINK sockets */
static const struct xlat_pair netlink_protocols_pairs[] = {
	{ 0, "NETLINK_ROUTE" },
	{ 1, "NETLINK_UNUSED" },
	{ 2, "NETLINK_USERSOCK" },
	{ 3, "NETLINK_FIREWALL" },
	{ 4, "NETLINK_SOCK_DIAG" },
	{ 5, "NETLINK_NFLOG" },
	{ 6, "NETLINK_XFRM" },
	{ 7, "NETLINK_SELINUX" },
	{ 8, "NETLINK_ISCSI" },
	{ 9, "NETLINK_AUDIT" },
	{ 10, "NETLINK_FIB_LOOKUP" },
	{ 11, "NETLINK_CONNECTOR" },
	{ 12, "NETLINK_NETFILTER" },
	{ 13, "NETLINK_IP6_FW" },
	{ 14, "NETLINK_DNRTMSG" },
	{ 15, "NETLINK_KOBJECT_UEVENT" },
	{ 16, "NETLINK_GENERIC" },
	{ 18, "NETLINK_SCSITRANSPORT" },
	{ 19, "NETLINK_ECRYPTFS" },
	{ 20, "NETLINK_RDMA" },
	{ 21, "NETLINK_CRYPTO" },
	{ 22, "NETLINK_SMC" },
};
const struct xlat xlat_netlink_protocols = XLAT_TABLE(netlink_protocols_pairs);

/* AF_PACKET protocols and sll_protocol, host byte order */
static const struct xlat_pair ethernet_protocols_pairs[] = {
	{ 0x0001, "ETH_P_802_3" },
	{ 0x0002, "ETH_P_AX25" },
	{ 0x0003, "ETH_P_ALL" },
	{ 0x0004, "ETH_P_802_2" },
	{ 0x0005, "ETH_P_SNAP" },
	{ 0x0006, "ETH_P_DDCMP" },
	{ 0x0007, "ETH_P_WAN_PPP" },
	{ 0x0008, "ETH_P_PPP_MP" },
	{ 0x0009, "ETH_P_LOCALTALK" },
	{ 0x000C, "ETH_P_CAN" },
	{ 0x000D, "ETH_P_CANFD" },
	{ 0x000E, "ETH_P_CANXL" },
	{ 0x0010, "ETH_P_PPPTALK" },
	{ 0x0011, "ETH_P_TR_802_2" },
	{ 0x0015, "ETH_P_MOBITEX" },
	{ 0x0016, "ETH_P_CONTROL" },
	{ 0x0017, "ETH_P_IRDA" },
	{ 0x0018, "ETH_P_ECONET" },
	{ 0x0019, "ETH_P_HDLC" },
	{ 0x001A, "ETH_P_ARCNET" },
	{ 0x001B, "ETH_P_DSA" },
	{ 0x001C, "ETH_P_TRAILER" },
	{ 0x0060, "ETH_P_LOOP" },
	{ 0x00F5, "ETH_P_PHONET" },
	{ 0x00F6, "ETH_P_IEEE802154" },
	{ 0x00F7, "ETH_P_CAIF" },
	{ 0x00F8, "ETH_P_XDSA" },
	{ 0x00F9, "ETH_P_MAP" },
	{ 0x00FA, "ETH_P_MCTP" },
	{ 0x0200, "ETH_P_PUP" },
	{ 0x0201, "ETH_P_PUPAT" },
	{ 0x0600, "ETH_P_802_3_MIN" },
	{ 0x0800, "ETH_P_IP" },
	{ 0x0805, "ETH_P_X25" },
	{ 0x0806, "ETH_P_ARP" },
	{ 0x08FF, "ETH_P_BPQ" },
	{ 0x0a00, "ETH_P_IEEEPUP" },
	{ 0x0a01, "ETH_P_IEEEPUPAT" },
	{ 0x22EB, "ETH_P_ERSPAN2" },
	{ 0x22F0, "ETH_P_TSN" },
	{ 0x4305, "ETH_P_BATMAN" },
	{ 0x6000, "ETH_P_DEC" },
	{ 0x6001, "ETH_P_DNA_DL" },
	{ 0x6002, "ETH_P_DNA_RC" },
	{ 0x6003, "ETH_P_DNA_RT" },
	{ 0x6004, "ETH_P_LAT" },
	{ 0x6005, "ETH_P_DIAG" },
	{ 0x6006, "ETH_P_CUST" },
	{ 0x6007, "ETH_P_SCA" },
	{ 0x6558, "ETH_P_TEB" },
	{ 0x8035, "ETH_P_RARP" },
	{ 0x809B, "ETH_P_ATALK" },
	{ 0x80F3, "ETH_P_AARP" },
	{ 0x8100, "ETH_P_8021Q" },
	{ 0x8137, "ETH_P_IPX" },
	{ 0x86DD, "ETH_P_IPV6" },
	{ 0x8808, "ETH_P_PAUSE" },
	{ 0x8809, "ETH_P_SLOW" },
	{ 0x883E, "ETH_P_WCCP" },
	{ 0x8847, "ETH_P_MPLS_UC" },
	{ 0x8848, "ETH_P_MPLS_MC" },
	{ 0x884c, "ETH_P_ATMMPOA" },
	{ 0x8863, "ETH_P_PPP_DISC" },
	{ 0x8864, "ETH_P_PPP_SES" },
	{ 0x886c, "ETH_P_LINK_CTL" },
	{ 0x8884, "ETH_P_ATMFATE" },
	{ 0x888E, "ETH_P_PAE" },
	{ 0x8899, "ETH_P_REALTEK" },
	{ 0x88A2, "ETH_P_AOE" },
	{ 0x88A8, "ETH_P_8021AD" },
	{ 0x88B5, "ETH_P_802_EX1" },
	{ 0x88BE, "ETH_P_ERSPAN" },
	{ 0x88C7, "ETH_P_PREAUTH" },
	{ 0x88CA, "ETH_P_TIPC" },
	{ 0x88CC, "ETH_P_LLDP" },
	{ 0x88E3, "ETH_P_MRP" },
	{ 0x88E5, "ETH_P_MACSEC" },
	{ 0x88E7, "ETH_P_8021AH" },
	{ 0x88F5, "ETH_P_MVRP" },
	{ 0x88F7, "ETH_P_1588" },
	{ 0x88F8, "ETH_P_NCSI" },
	{ 0x88FB, "ETH_P_PRP" },
	{ 0x8902, "ETH_P_CFM" },
	{ 0x8906, "ETH_P_FCOE" },
	{ 0x890D, "ETH_P_TDLS" },
	{ 0x8914, "ETH_P_FIP" },
	{ 0x8915, "ETH_P_IBOE" },
	{ 0x8917, "ETH_P_80221" },
	{ 0x892F, "ETH_P_HSR" },
	{ 0x894F, "ETH_P_NSH" },
	{ 0x9000, "ETH_P_LOOPBACK" },
	{ 0x9100, "ETH_P_QINQ1" },
	{ 0x9200, "ETH_P_QINQ2" },
	{ 0x9300, "ETH_P_QINQ3" },
	{ 0xDADA, "ETH_P_EDSA" },
	{ 0xDADB, "ETH_P_DSA_8021Q" },
	{ 0xE001, "ETH_P_DSA_A5PSW" },
	{ 0xED3E, "ETH_P_IFE" },
	{ 0xFBFB, "ETH_P_AF_IUCV" },
};
const struct xlat xlat_ethernet_protocols = XLAT_TABLE(ethernet_protocols_pairs);

/* sll_hatype */
static const struct xlat_pair arp_hardware_types_pairs[] = {
	{ 0, "ARPHRD_NETROM" },
	{ 1, "ARPHRD_ETHER" },
	{ 2, "ARPHRD_EETHER" },
	{ 3, "ARPHRD_AX25" },
	{ 4, "ARPHRD_PRONET" },
	{ 5, "ARPHRD_CHAOS" },
	{ 6, "ARPHRD_IEEE802" },
	{ 7, "ARPHRD_ARCNET" },
	{ 8, "ARPHRD_APPLETLK" },
	{ 15, "ARPHRD_DLCI" },
	{ 19, "ARPHRD_ATM" },
	{ 23, "ARPHRD_METRICOM" },
	{ 24, "ARPHRD_IEEE1394" },
	{ 27, "ARPHRD_EUI64" },
	{ 32, "ARPHRD_INFINIBAND" },
	{ 256, "ARPHRD_SLIP" },
	{ 257, "ARPHRD_CSLIP" },
	{ 258, "ARPHRD_SLIP6" },
	{ 259, "ARPHRD_CSLIP6" },
	{ 260, "ARPHRD_RSRVD" },
	{ 264, "ARPHRD_ADAPT" },
	{ 270, "ARPHRD_ROSE" },
	{ 271, "ARPHRD_X25" },
	{ 272, "ARPHRD_HWX25" },
	{ 280, "ARPHRD_CAN" },
	{ 290, "ARPHRD_MCTP" },
	{ 512, "ARPHRD_PPP" },
	{ 513, "ARPHRD_CISCO" },
	{ 516, "ARPHRD_LAPB" },
	{ 517, "ARPHRD_DDCMP" },
	{ 518, "ARPHRD_RAWHDLC" },
	{ 519, "ARPHRD_RAWIP" },
	{ 768, "ARPHRD_TUNNEL" },
	{ 769, "ARPHRD_TUNNEL6" },
	{ 770, "ARPHRD_FRAD" },
	{ 771, "ARPHRD_SKIP" },
	{ 772, "ARPHRD_LOOPBACK" },
	{ 773, "ARPHRD_LOCALTLK" },
	{ 774, "ARPHRD_FDDI" },
	{ 775, "ARPHRD_BIF" },
	{ 776, "ARPHRD_SIT" },
	{ 777, "ARPHRD_IPDDP" },
	{ 778, "ARPHRD_IPGRE" },
	{ 779, "ARPHRD_PIMREG" },
	{ 780, "ARPHRD_HIPPI" },
	{ 781, "ARPHRD_ASH" },
	{ 782, "ARPHRD_ECONET" },
	{ 783, "ARPHRD_IRDA" },
	{ 784, "ARPHRD_FCPP" },
	{ 785, "ARPHRD_FCAL" },
	{ 786, "ARPHRD_FCPL" },
	{ 787, "ARPHRD_FCFABRIC" },
	{ 800, "ARPHRD_IEEE802_TR" },
	{ 801, "ARPHRD_IEEE80211" },
	{ 802, "ARPHRD_IEEE80211_PRISM" },
	{ 803, "ARPHRD_IEEE80211_RADIOTAP" },
	{ 804, "ARPHRD_IEEE802154" },
	{ 805, "ARPHRD_IEEE802154_MONITOR" },
	{ 820, "ARPHRD_PHONET" },
	{ 821, "ARPHRD_PHONET_PIPE" },
	{ 822, "ARPHRD_CAIF" },
	{ 823, "ARPHRD_IP6GRE" },
	{ 824, "ARPHRD_NETLINK" },
	{ 825, "ARPHRD_6LOWPAN" },
	{ 826, "ARPHRD_VSOCKMON" },
	{ 0xFFFE, "ARPHRD_NONE" },
	{ 0xFFFF, "ARPHRD_VOID" },
};
const struct xlat xlat_arp_hardware_types = XLAT_TABLE(arp_hardware_types_pairs);

/* sll_pkttype */
static const struct xlat_pair af_packet_types_pairs[] = {
	{ 0, "PACKET_HOST" },
	{ 1, "PACKET_BROADCAST" },
	{ 2, "PACKET_MULTICAST" },
	{ 3, "PACKET_OTHERHOST" },
	{ 4, "PACKET_OUTGOING" },
	{ 5, "PACKET_LOOPBACK" },
	{ 6, "PACKET_USER" },
	{ 7, "PACKET_KERNEL" },
};
const struct xlat xlat_af_packet_types = XLAT_TABLE(af_packet_types_pairs);

/* protocols of AF_AX25 sockets */
static const struct xlat_pair ax25_protocols_pairs[] = {
	{ 0x01, "AX25_P_ROSE" },
	{ 0x06, "AX25_P_VJCOMP" },
	{ 0x07, "AX25_P_VJUNCOMP" },
	{ 0x08, "AX25_P_SEGMENT" },
	{ 0xc3, "AX25_P_TEXNET" },
	{ 0xc4, "AX25_P_LQ" },
	{ 0xca, "AX25_P_ATALK" },
	{ 0xcb, "AX25_P_ATALK_ARP" },
	{ 0xcc, "AX25_P_IP" },
	{ 0xcd, "AX25_P_ARP" },
	{ 0xce, "AX25_P_FLEXNET" },
	{ 0xcf, "AX25_P_NETROM" },
	{ 0xf0, "AX25_P_TEXT" },
};
const struct xlat xlat_ax25_protocols = XLAT_TABLE(ax25_protocols_pairs);

/* protocols of AF_IRDA sockets */
static const struct xlat_pair irda_protocols_pairs[] = {
	{ 0, "IRDAPROTO_UNITDATA" },
	{ 1, "IRDAPROTO_ULTRA" },
};
const struct xlat xlat_irda_protocols = XLAT_TABLE(irda_protocols_pairs);

/* protocols of AF_CAN sockets */
static const struct xlat_pair can_protocols_pairs[] = {
	{ 1, "CAN_RAW" },
	{ 2, "CAN_BCM" },
	{ 3, "CAN_TP16" },
	{ 4, "CAN_TP20" },
	{ 5, "CAN_MCNET" },
	{ 6, "CAN_ISOTP" },
	{ 7, "CAN_J1939" },
};
const struct xlat xlat_can_protocols = XLAT_TABLE(can_protocols_pairs);

/* protocols of AF_BLUETOOTH sockets */
static const struct xlat_pair bt_protocols_pairs[] = {
	{ 0, "BTPROTO_L2CAP" },
	{ 1, "BTPROTO_HCI" },
	{ 2, "BTPROTO_SCO" },
	{ 3, "BTPROTO_RFCOMM" },
	{ 4, "BTPROTO_BNEP" },
	{ 5, "BTPROTO_CMTP" },
	{ 6, "BTPROTO_HIDP" },
	{ 7, "BTPROTO_AVDTP" },
};
const struct xlat xlat_bt_protocols = XLAT_TABLE(bt_protocols_pairs);

/* protocols of AF_ISDN sockets */
static const struct xlat_pair isdn_protocols_pairs[] = {
	{ 0, "ISDN_P_BASE" },
	{ 1, "ISDN_P_TE_S0" },
	{ 2, "ISDN_P_NT_S0" },
	{ 3, "ISDN_P_TE_E1" },
	{ 4, "ISDN_P_NT_E1" },
	{ 0x10, "ISDN_P_LAPD_TE" },
	{ 0x11, "ISDN_P_LAPD_NT" },
	{ 0x21, "ISDN_P_B_RAW" },
	{ 0x22, "ISDN_P_B_HDLC" },
	{ 0x23, "ISDN_P_B_X75SLP" },
	{ 0x24, "ISDN_P_B_L2DTMF" },
	{ 0x25, "ISDN_P_B_L2DSP" },
	{ 0x26, "ISDN_P_B_L2DSPHDLC" },
};
const struct xlat xlat_isdn_protocols = XLAT_TABLE(isdn_protocols_pairs);

/* protocols of AF_PHONET sockets */
static const struct xlat_pair phonet_protocols_pairs[] = {
	{ 0, "PN_PROTO_TRANSPORT" },
	{ 1, "PN_PROTO_PHONET" },
	{ 2, "PN_PROTO_PIPE" },
};
const struct xlat xlat_phonet_protocols = XLAT_TABLE(phonet_protocols_pairs);

/* protocols of AF_CAIF sockets */
static const struct xlat_pair caif_protocols_pairs[] = {
	{ 0, "CAIFPROTO_AT" },
	{ 1, "CAIFPROTO_DATAGRAM" },
	{ 2, "CAIFPROTO_DATAGRAM_LOOP" },
	{ 3, "CAIFPROTO_UTIL" },
	{ 4, "CAIFPROTO_RFM" },
	{ 5, "CAIFPROTO_DEBUG" },
};
const struct xlat xlat_caif_protocols = XLAT_TABLE(caif_protocols_pairs);

/* protocols of AF_NFC sockets */
static const struct xlat_pair nfc_protocols_pairs[] = {
	{ 0, "NFC_SOCKPROTO_RAW" },
	{ 1, "NFC_SOCKPROTO_LLCP" },
};
const struct xlat xlat_nfc_protocols = XLAT_TABLE(nfc_protocols_pairs);

/* protocols of AF_KCM sockets */
static const struct xlat_pair kcm_protocols_pairs[] = {
	{ 0, "KCMPROTO_CONNECTED" },
};
const struct xlat xlat_kcm_protocols = XLAT_TABLE(kcm_protocols_pairs);

/* protocols of AF_SMC sockets */
static const struct xlat_pair smc_protocols_pairs[] = {
	{ 0, "SMCPROTO_SMC" },
	{ 1, "SMCPROTO_SMC6" },
};
const struct xlat xlat_smc_protocols = XLAT_TABLE(smc_protocols_pairs);

/* AF_VSOCK addresses */
static const struct xlat_pair vsock_cids_pairs[] = {
	{ 0, "VMADDR_CID_HYPERVISOR" },
	{ 1, "VMADDR_CID_LOCAL" },
	{ 2, "VMADDR_CID_HOST" },
	{ 0xffffffff, "VMADDR_CID_ANY" },
};
const struct xlat xlat_vsock_cids = XLAT_TABLE(vsock_cids_pairs);

static const struct xlat_pair vsock_ports_pairs[] = {
	{ 0xffffffff, "VMADDR_PORT_ANY" },
};
const struct xlat xlat_vsock_ports = XLAT_TABLE(vsock_ports_pairs);

static const struct xlat_pair vsock_flags_pairs[] = {
	{ 0x1, "VMADDR_FLAG_TO_HOST" },
};
const struct xlat xlat_vsock_flags = XLAT_TABLE(vsock_flags_pairs);

/* AF_QIPCRTR addresses */
static const struct xlat_pair qipcrtr_nodes_pairs[] = {
	{ 0xffffffff, "QRTR_NODE_BCAST" },
};
const struct xlat xlat_qipcrtr_nodes = XLAT_TABLE(qipcrtr_nodes_pairs);

static const struct xlat_pair qipcrtr_ports_pairs[] = {
	{ 0xfffffffe, "QRTR_PORT_CTRL" },
};
const struct xlat xlat_qipcrtr_ports = XLAT_TABLE(qipcrtr_ports_pairs);

/* AF_ALG salg_feat and salg_mask */
static const struct xlat_pair alg_sockaddr_flags_pairs[] = {
	{ 0x1000, "CRYPTO_ALG_KERN_DRIVER_ONLY" },
};
const struct xlat xlat_alg_sockaddr_flags = XLAT_TABLE(alg_sockaddr_flags_pairs);

/* AF_XDP sxdp_flags */
static const struct xlat_pair xdp_sockaddr_flags_pairs[] = {
	{ 0x1, "XDP_SHARED_UMEM" },
	{ 0x2, "XDP_COPY" },
	{ 0x4, "XDP_ZEROCOPY" },
	{ 0x8, "XDP_USE_NEED_WAKEUP" },
};
const struct xlat xlat_xdp_sockaddr_flags = XLAT_TABLE(xdp_sockaddr_flags_pairs);

/* AF_MCTP networks and addresses */
static const struct xlat_pair mctp_nets_pairs[] = {
	{ 0x0, "MCTP_NET_ANY" },
};
const struct xlat xlat_mctp_nets = XLAT_TABLE(mctp_nets_pairs);

static const struct xlat_pair mctp_addrs_pairs[] = {
	{ 0x00, "MCTP_ADDR_NULL" },
	{ 0xff, "MCTP_ADDR_ANY" },
};
const struct xlat xlat_mctp_addrs = XLAT_TABLE(mctp_addrs_pairs);
