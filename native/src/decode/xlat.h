/*
 * Constant-to-name tables, kept apart from the decoders like strace keeps its xlat/ directory.
 * Table order matters for flags: names are printed in table order, as strace does.
 */
#ifndef NETTRACE_XLAT_H
#define NETTRACE_XLAT_H

#include <stddef.h>
#include <stdint.h>

#include "decode/strbuf.h"

struct xlat_pair {
	uint64_t val;
	const char *name;
};

struct xlat {
	const struct xlat_pair *data;
	size_t size;
};

#define XLAT_TABLE(pairs) { (pairs), sizeof(pairs) / sizeof((pairs)[0]) }

/*
 * The printers take 32-bit values, as strace's printxval and printflags do: the upper half of
 * a 64-bit syscall argument is not shown.
 */

/* The name of val, or NULL. */
const char *xlat_name(const struct xlat *x, uint64_t val);
/* NAME, or the value in hex and a dflt comment: "0x2a /\* AF_??? *\/" (printxval). */
void print_xval(struct strbuf *out, const struct xlat *x, unsigned val, const char *dflt);
/* The same with a signed decimal value (printxval_d). */
void print_xval_d(struct strbuf *out, const struct xlat *x, int64_t val, const char *dflt);
/* A|B|0x40; "0" when empty; hex and a dflt comment when no name matches (printflags). */
void print_flags(struct strbuf *out, const struct xlat *x, unsigned flags, const char *dflt);
/* strace's verbose style, "0x1000 /\* CRYPTO_ALG_KERN_DRIVER_ONLY *\/", and "0" for no flags. */
void print_flags_verbose(struct strbuf *out, const struct xlat *x, unsigned flags, const char *dflt);
/* The same over several tables, searched in order (NULL entries are skipped). */
void print_flags_in(struct strbuf *out, const struct xlat *const *tables, size_t count,
		    unsigned flags, const char *dflt);

/* The tables (xlat_*.c). */
extern const struct xlat xlat_addrfams;
extern const struct xlat xlat_socktypes;
extern const struct xlat xlat_sock_type_flags;
extern const struct xlat xlat_inet_protocols;
extern const struct xlat xlat_netlink_protocols;
extern const struct xlat xlat_ethernet_protocols;
extern const struct xlat xlat_arp_hardware_types;
extern const struct xlat xlat_af_packet_types;
extern const struct xlat xlat_vsock_cids;
extern const struct xlat xlat_vsock_ports;
extern const struct xlat xlat_vsock_flags;
extern const struct xlat xlat_qipcrtr_nodes;
extern const struct xlat xlat_qipcrtr_ports;
extern const struct xlat xlat_alg_sockaddr_flags;
extern const struct xlat xlat_xdp_sockaddr_flags;
extern const struct xlat xlat_mctp_nets;
extern const struct xlat xlat_mctp_addrs;
extern const struct xlat xlat_msg_flags;
extern const struct xlat xlat_shutdown_modes;
extern const struct xlat xlat_socketlayers;
extern const struct xlat xlat_scmvals;
extern const struct xlat xlat_ip_cmsg_types;
extern const struct xlat xlat_sock_options;
extern const struct xlat xlat_getsock_options;
extern const struct xlat xlat_setsock_options;
extern const struct xlat xlat_sock_ip_options;
extern const struct xlat xlat_getsock_ip_options;
extern const struct xlat xlat_setsock_ip_options;
extern const struct xlat xlat_sock_ipv6_options;
extern const struct xlat xlat_getsock_ipv6_options;
extern const struct xlat xlat_setsock_ipv6_options;
extern const struct xlat xlat_sock_tcp_options;
extern const struct xlat xlat_sock_udp_options;
extern const struct xlat xlat_sock_netlink_options;
extern const struct xlat xlat_sock_packet_options;
extern const struct xlat xlat_sock_raw_options;
extern const struct xlat xlat_sockopt_txrehash_vals;
extern const struct xlat xlat_sock_vsock_options;
extern const struct xlat xlat_sock_ipx_options;
extern const struct xlat xlat_sock_ax25_options;
extern const struct xlat xlat_sock_can_raw_options;
extern const struct xlat xlat_sock_sctp_options;
extern const struct xlat xlat_sock_irda_options;
extern const struct xlat xlat_sock_llc_options;
extern const struct xlat xlat_sock_dccp_options;
extern const struct xlat xlat_sock_tipc_options;
extern const struct xlat xlat_sock_rxrpc_options;
extern const struct xlat xlat_sock_pppol2tp_options;
extern const struct xlat xlat_sock_bluetooth_options;
extern const struct xlat xlat_sock_pnp_options;
extern const struct xlat xlat_sock_rds_options;
extern const struct xlat xlat_sock_iucv_options;
extern const struct xlat xlat_sock_caif_options;
extern const struct xlat xlat_sock_alg_options;
extern const struct xlat xlat_sock_nfcllcp_options;
extern const struct xlat xlat_sock_kcm_options;
extern const struct xlat xlat_sock_tls_options;
extern const struct xlat xlat_sock_xdp_options;
extern const struct xlat xlat_ax25_protocols;
extern const struct xlat xlat_irda_protocols;
extern const struct xlat xlat_can_protocols;
extern const struct xlat xlat_bt_protocols;
extern const struct xlat xlat_isdn_protocols;
extern const struct xlat xlat_phonet_protocols;
extern const struct xlat xlat_caif_protocols;
extern const struct xlat xlat_nfc_protocols;
extern const struct xlat xlat_kcm_protocols;
extern const struct xlat xlat_smc_protocols;
extern const struct xlat xlat_icmp_filter_flags;
extern const struct xlat xlat_packet_mreq_type;
extern const struct xlat xlat_open_mode_flags;
extern const struct xlat xlat_fcntlcmds;
extern const struct xlat xlat_fdflags;
extern const struct xlat xlat_netlink_types;
extern const struct xlat xlat_netlink_flags;
extern const struct xlat xlat_netlink_get_flags;
extern const struct xlat xlat_netlink_new_flags;
extern const struct xlat xlat_netlink_delete_flags;
extern const struct xlat xlat_netlink_ack_flags;
extern const struct xlat xlat_nl_route_types;
extern const struct xlat xlat_ifaddrflags;
extern const struct xlat xlat_routing_scopes;
extern const struct xlat xlat_rtnl_addr_attrs;
extern const struct xlat xlat_nlmsgerr_attrs;
extern const struct xlat xlat_nl_sock_diag_types;
extern const struct xlat xlat_rtnl_link_attrs;
extern const struct xlat xlat_iffflags;

#endif
