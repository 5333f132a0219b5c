/* Printing primitives shared by the decoders. */
#include "decode/print.h"

#include <stdlib.h>

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

void print_quoted(struct strbuf *out, const unsigned char *s, size_t size, int next,
		  bool force_hex)
{
	sb_putc(out, '"');
	for (size_t i = 0; i < size; i++) {
		unsigned char ch = s[i];
		if (force_hex) {
			sb_printf(out, "\\x%02x", ch);
			continue;
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
			if (is_printable(ch)) {
				sb_putc(out, (char)ch);
			} else {
				int following = i + 1 < size ? s[i + 1] : next;
				put_octal(out, ch, is_octal_digit(following));
			}
		}
	}
	sb_putc(out, '"');
}

void print_strn(const struct syscall_call *c, struct strbuf *out, unsigned long addr,
		unsigned long len, bool force_hex)
{
	if (!addr) {
		sb_puts(out, "NULL");
		return;
	}
	size_t max = c->strsize < 0 ? 0 : (size_t)c->strsize;
	/* One byte beyond the cut decides whether the last octal escape needs three digits. */
	size_t size = len < max + 1 ? len : max + 1;
	unsigned char *buf = malloc(size + 1);
	if (!buf || tracee_read(c->tid, addr, buf, size) < 0) {
		free(buf);
		print_addr(out, addr);
		return;
	}
	int next = -1;
	if (size > max) {
		next = buf[max];
		size = max;
	}
	print_quoted(out, buf, size, next, force_hex);
	if (len > max)
		sb_puts(out, "...");
	free(buf);
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
