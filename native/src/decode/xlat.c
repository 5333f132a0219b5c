/* Printing values through xlat tables, in strace's default (abbreviated) style. */
#include "decode/xlat.h"

#include <inttypes.h>

const char *xlat_name(const struct xlat *x, uint64_t val)
{
	for (size_t i = 0; i < x->size; i++)
		if (x->data[i].val == val)
			return x->data[i].name;
	return NULL;
}

static void print_comment(struct strbuf *out, const char *dflt)
{
	if (dflt)
		sb_printf(out, " /* %s */", dflt);
}

void print_xval(struct strbuf *out, const struct xlat *x, uint64_t val, const char *dflt)
{
	const char *name = xlat_name(x, val);
	if (name) {
		sb_puts(out, name);
		return;
	}
	sb_printf(out, "%#" PRIx64, val);
	print_comment(out, dflt);
}

void print_xval_d(struct strbuf *out, const struct xlat *x, int64_t val, const char *dflt)
{
	const char *name = xlat_name(x, (uint64_t)val);
	if (name) {
		sb_puts(out, name);
		return;
	}
	sb_printf(out, "%" PRId64, val);
	print_comment(out, dflt);
}

void print_xval_u(struct strbuf *out, const struct xlat *x, uint64_t val, const char *dflt)
{
	const char *name = xlat_name(x, val);
	if (name) {
		sb_puts(out, name);
		return;
	}
	sb_printf(out, "%" PRIu64, val);
	print_comment(out, dflt);
}

void print_flags(struct strbuf *out, const struct xlat *x, uint64_t flags, const char *dflt)
{
	unsigned n = 0;
	for (size_t i = 0; (flags || !n) && i < x->size; i++) {
		uint64_t v = x->data[i].val;
		if (flags == v || (v && (flags & v) == v)) {
			if (n++)
				sb_putc(out, '|');
			sb_puts(out, x->data[i].name);
			flags &= ~v;
		}
		if (!flags)
			break;
	}
	if (n) {
		if (flags)
			sb_printf(out, "|%#" PRIx64, flags);
	} else if (flags) {
		sb_printf(out, "%#" PRIx64, flags);
		print_comment(out, dflt);
	} else if (dflt) {
		sb_putc(out, '0');
	}
}
