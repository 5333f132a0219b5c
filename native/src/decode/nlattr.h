/* Netlink attributes (struct nlattr lists) and the rtnetlink payloads built on them. */
#ifndef NETTRACE_NLATTR_H
#define NETTRACE_NLATTR_H

#include "decode/decode.h"
#include "decode/xlat.h"

struct nla_ctx {
	struct syscall_call *c;
	struct strbuf *out;
	const void *opaque;   /* the enclosing message header, for attributes that need it */
};

/* Prints one attribute's data; false when it cannot, and the data is shown in hex instead. */
typedef bool (*nla_decoder)(struct nla_ctx *a, unsigned long addr, unsigned len);

/* [[{nla_len=8, nla_type=IFA_ADDRESS}, inet_addr("127.0.0.1")], ...] */
void decode_nlattr(struct nla_ctx *a, unsigned long addr, unsigned long len,
		   const struct xlat *types, const char *dflt, const nla_decoder *decoders,
		   size_t count);

bool decode_nla_str(struct nla_ctx *a, unsigned long addr, unsigned len);
bool decode_nla_u8(struct nla_ctx *a, unsigned long addr, unsigned len);
bool decode_nla_u32(struct nla_ctx *a, unsigned long addr, unsigned len);
bool decode_nla_s32(struct nla_ctx *a, unsigned long addr, unsigned len);

/* struct ifaddrmsg and its IFA_* attributes (RTM_NEWADDR, RTM_GETADDR, ...). */
void decode_ifaddrmsg(struct syscall_call *c, struct strbuf *out, uint8_t family,
		      unsigned long addr, unsigned len);

/* struct ifinfomsg and its IFLA_* attributes (RTM_NEWLINK, RTM_GETLINK, ...). */
void decode_ifinfomsg(struct syscall_call *c, struct strbuf *out, uint8_t family,
		      unsigned long addr, unsigned len);

#endif
