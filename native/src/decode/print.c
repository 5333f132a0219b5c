/* Printing primitives shared by the decoders. */
#include "decode/print.h"

#include <stdlib.h>

#include "decode/fd_link.h"

void print_addr(struct strbuf *out, unsigned long addr)
{
	if (addr)
		sb_printf(out, "%#lx", addr);
	else
		sb_puts(out, "NULL");
}

static bool is_printable(unsigned char ch)
{
	return ch >= ' ' && ch < 0x7f;
}

static bool is_octal_digit(int ch)
{
	return ch >= '0' && ch <= '7';
}

static void put_octal(struct strbuf *out, unsigned char ch, bool three_digits)
{
	sb_putc(out, '\\');
	if (three_digits || ch >> 6)
		sb_putc(out, (char)('0' + (ch >> 6)));
	if (three_digits || ch >> 3)
		sb_putc(out, (char)('0' + ((ch >> 3) & 7)));
	sb_putc(out, (char)('0' + (ch & 7)));
}

bool print_quoted_ex(struct strbuf *out, const unsigned char *s, size_t size,
		     enum quote_style style)
{
	bool more = true;
	bool quotes = !(style & QUOTE_NO_QUOTES);
	if (quotes)
		sb_putc(out, '"');
	for (size_t i = 0; i < size; i++) {
		unsigned char ch = s[i];
		if (style & QUOTE_FORCE_HEX) {
			sb_printf(out, "\\x%02x", ch);
			continue;
		}
		if ((style & QUOTE_TRAILING_NUL) && i == size - 1 && ch == '\0') {
			more = false;
			break;
		}
		switch (ch) {
		case '"': sb_puts(out, "\\\""); break;
		case '\\': sb_puts(out, "\\\\"); break;
		case '\f': sb_puts(out, "\\f"); break;
		case '\n': sb_puts(out, "\\n"); break;
		case '\r': sb_puts(out, "\\r"); break;
		case '\t': sb_puts(out, "\\t"); break;
		case '\v': sb_puts(out, "\\v"); break;
		default:
			if (is_printable(ch) &&
			    !((style & QUOTE_ESCAPE_ANGLES) && (ch == '<' || ch == '>'))) {
				sb_putc(out, (char)ch);
			} else {
				put_octal(out, ch, i + 1 < size && is_octal_digit(s[i + 1]));
			}
		}
	}
	if (quotes)
		sb_putc(out, '"');
	return more;
}

void print_quoted(struct strbuf *out, const unsigned char *s, size_t size, bool force_hex)
{
	print_quoted_ex(out, s, size, force_hex ? QUOTE_FORCE_HEX : QUOTE_OCTAL);
}

size_t str_fetch_size(const struct syscall_call *c, unsigned long len)
{
	size_t max = c->strsize < 0 ? 0 : (size_t)c->strsize;
	/* strace copies one byte beyond the cut (and so fails when that byte is unreadable). */
	return len < max + 1 ? len : max + 1;
}

void print_fetched_str(const struct syscall_call *c, struct strbuf *out,
		       const unsigned char *buf, unsigned long len, enum quote_style style)
{
	size_t max = c->strsize < 0 ? 0 : (size_t)c->strsize;
	size_t size = str_fetch_size(c, len);
	if (size > max)
		size = max;
	bool more = print_quoted_ex(out, buf, size, style);
	if (more && len && ((style & QUOTE_TRAILING_NUL) || len > max))
		sb_puts(out, "...");
}

void print_str_ex(const struct syscall_call *c, struct strbuf *out, unsigned long addr,
		  unsigned long len, enum quote_style style)
{
	if (!addr) {
		sb_puts(out, "NULL");
		return;
	}
	size_t size = str_fetch_size(c, len);
	unsigned char small[256];
	unsigned char *buf = size <= sizeof small ? small : malloc(size);
	if (!buf || tracee_read(c->tid, addr, buf, size) < 0)
		print_addr(out, addr);
	else
		print_fetched_str(c, out, buf, len, style);
	if (buf != small)
		free(buf);
}

void print_strn(const struct syscall_call *c, struct strbuf *out, unsigned long addr,
		unsigned long len, bool force_hex)
{
	print_str_ex(c, out, addr, len, force_hex ? QUOTE_FORCE_HEX : QUOTE_OCTAL);
}

bool fetch(const struct syscall_call *c, bool at_exit, unsigned long addr, void *buf, size_t len)
{
	return addr && !(at_exit && call_failed(c)) && tracee_read(c->tid, addr, buf, len) == 0;
}

bool print_int_at(const struct syscall_call *c, bool at_exit, struct strbuf *out,
		  unsigned long addr)
{
	int val;
	if (!fetch(c, at_exit, addr, &val, sizeof val)) {
		print_addr(out, addr);
		return false;
	}
	sb_printf(out, "[%d]", val);
	return true;
}

void print_fd(const struct syscall_call *c, struct strbuf *out, unsigned long fd)
{
	sb_printf(out, "%d", (int)fd);
	if (c->fd_decor)
		print_fd_link(c, out, (int)fd);
}
