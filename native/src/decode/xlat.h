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
#define XP(c) { (uint64_t)(c), #c }

/* The name of val, or NULL. */
const char *xlat_name(const struct xlat *x, uint64_t val);
/* NAME, or the value in hex and a dflt comment: "0x2a /\* AF_??? *\/" (printxval). */
void print_xval(struct strbuf *out, const struct xlat *x, uint64_t val, const char *dflt);
/* The same with the value in decimal (printxval_d, printxval_u). */
void print_xval_d(struct strbuf *out, const struct xlat *x, int64_t val, const char *dflt);
void print_xval_u(struct strbuf *out, const struct xlat *x, uint64_t val, const char *dflt);
/* A|B|0x40; "0" when empty; hex and a dflt comment when no name matches (printflags). */
void print_flags(struct strbuf *out, const struct xlat *x, uint64_t flags, const char *dflt);

/* The tables (xlat_*.c). */
extern const struct xlat xlat_addrfams;
extern const struct xlat xlat_socktypes;
extern const struct xlat xlat_sock_type_flags;
extern const struct xlat xlat_inet_protocols;
extern const struct xlat xlat_netlink_protocols;
extern const struct xlat xlat_ethernet_protocols;
extern const struct xlat xlat_arp_hardware_types;
extern const struct xlat xlat_af_packet_types;
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
extern const struct xlat xlat_icmp_filter_flags;
extern const struct xlat xlat_open_mode_flags;
extern const struct xlat xlat_fcntlcmds;
extern const struct xlat xlat_fdflags;

#endif
