/* Netlink attribute lists, printed like strace's decode_nlattr. */
#include <linux/netlink.h>
#include <stdint.h>

#include "decode/array.h"
#include "decode/nlattr.h"
#include "decode/print.h"

static void print_nlattr_header(struct nla_ctx *a, const struct nlattr *nla,
				const struct xlat *types, const char *dflt)
{
	sb_printf(a->out, "{nla_len=%u, nla_type=", nla->nla_len);
	if (nla->nla_type & NLA_F_NESTED)
		sb_puts(a->out, "NLA_F_NESTED|");
	if (nla->nla_type & NLA_F_NET_BYTEORDER)
		sb_puts(a->out, "NLA_F_NET_BYTEORDER|");
	print_xval(a->out, types, nla->nla_type & NLA_TYPE_MASK, dflt);
	sb_putc(a->out, '}');
}

static void decode_one(struct nla_ctx *a, const struct nlattr *nla, unsigned long addr,
		       unsigned long len, const struct xlat *types, const char *dflt,
		       const nla_decoder *decoders, size_t count)
{
	unsigned long nla_len = nla->nla_len < len ? nla->nla_len : len;
	bool has_data = nla_len > NLA_HDRLEN;
	if (has_data)
		sb_putc(a->out, '[');
	print_nlattr_header(a, nla, types, dflt);
	if (!has_data)
		return;
	sb_puts(a->out, ", ");
	unsigned idx = nla->nla_type & NLA_TYPE_MASK;
	unsigned data_len = (unsigned)(nla_len - NLA_HDRLEN);
	if (idx >= count || !decoders[idx] || !decoders[idx](a, addr + NLA_HDRLEN, data_len))
		print_str_ex(a->c, a->out, addr + NLA_HDRLEN, data_len, QUOTE_FORCE_HEX);
	sb_putc(a->out, ']');
}

void decode_nlattr(struct nla_ctx *a, unsigned long addr, unsigned long len,
		   const struct xlat *types, const char *dflt, const nla_decoder *decoders,
		   size_t count)
{
	unsigned max = a->c->strsize < 0 ? 0 : (unsigned)a->c->strsize;
	bool is_array = false;
	for (unsigned elt = 0;; elt++) {
		struct nlattr nla;
		if (len < sizeof nla) {
			print_str_ex(a->c, a->out, addr, len, QUOTE_FORCE_HEX);
			break;
		}
		if (!fetch(a->c, false, addr, &nla, sizeof nla)) {
			if (is_array)
				sb_printf(a->out, "... /* %#lx */", addr);
			else
				print_addr(a->out, addr);
			break;
		}
		if (elt == max) {
			sb_puts(a->out, "...");
			break;
		}
		unsigned long next_addr = addr, next_len = len;
		bool more = tlv_next(&next_addr, &next_len, nla.nla_len, NLA_ALIGN(nla.nla_len),
				     NLA_HDRLEN);
		if (!is_array && more) {
			sb_putc(a->out, '[');
			is_array = true;
		}
		decode_one(a, &nla, addr, len, types, dflt, decoders, count);
		if (!more)
			break;
		sb_puts(a->out, ", ");
		addr = next_addr;
		len = next_len;
	}
	if (is_array)
		sb_putc(a->out, ']');
}

bool decode_nla_str(struct nla_ctx *a, unsigned long addr, unsigned len)
{
	print_str_ex(a->c, a->out, addr, len, QUOTE_TRAILING_NUL);
	return true;
}

/* An integer attribute: false (hex instead) when too short, the pointer when unreadable. */
static bool decode_nla_int(struct nla_ctx *a, unsigned long addr, unsigned len, bool is_signed)
{
	uint32_t v;
	if (len < sizeof v)
		return false;
	if (!fetch(a->c, false, addr, &v, sizeof v))
		print_addr(a->out, addr);
	else if (is_signed)
		sb_printf(a->out, "%d", (int32_t)v);
	else
		sb_printf(a->out, "%u", v);
	return true;
}

bool decode_nla_u8(struct nla_ctx *a, unsigned long addr, unsigned len)
{
	uint8_t v;
	if (len < sizeof v)
		return false;
	if (!fetch(a->c, false, addr, &v, sizeof v))
		print_addr(a->out, addr);
	else
		sb_printf(a->out, "%u", v);
	return true;
}

bool decode_nla_u32(struct nla_ctx *a, unsigned long addr, unsigned len)
{
	return decode_nla_int(a, addr, len, false);
}

bool decode_nla_s32(struct nla_ctx *a, unsigned long addr, unsigned len)
{
	return decode_nla_int(a, addr, len, true);
}
