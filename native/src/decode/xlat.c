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

void print_xval(struct strbuf *out, const struct xlat *x, unsigned val, const char *dflt)
{
	const char *name = xlat_name(x, val);
	if (name) {
		sb_puts(out, name);
		return;
	}
	sb_printf(out, "%#x", val);
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


void print_flags_in(struct strbuf *out, const struct xlat *const *tables, size_t count,
		    unsigned flags, const char *dflt)
{
	unsigned n = 0;
	for (size_t t = 0; t < count; t++) {
		const struct xlat *x = tables[t];
		for (size_t i = 0; x && (flags || !n) && i < x->size; i++) {
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
	}
	if (n) {
		if (flags)
			sb_printf(out, "|%#x", flags);
	} else if (flags) {
		sb_printf(out, "%#x", flags);
		print_comment(out, dflt);
	} else if (dflt) {
		sb_putc(out, '0');
	}
}

void print_flags(struct strbuf *out, const struct xlat *x, unsigned flags, const char *dflt)
{
	print_flags_in(out, &x, 1, flags, dflt);
}

void print_flags_verbose(struct strbuf *out, const struct xlat *x, unsigned flags, const char *dflt)
{
	if (!flags) {
		sb_putc(out, '0');
		return;
	}
	sb_printf(out, "%#x /* ", flags);
	unsigned left = flags;
	unsigned n = 0;
	for (size_t i = 0; left && i < x->size; i++) {
		uint64_t v = x->data[i].val;
		if (v && (left & v) == v) {
			sb_printf(out, "%s%s", n++ ? "|" : "", x->data[i].name);
			left &= ~v;
		}
	}
	if (!n)
		sb_puts(out, dflt);
	else if (left)
		sb_printf(out, "|%#x", left);
	sb_puts(out, " */");
}
