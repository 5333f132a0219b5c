/* Arrays in tracee memory, printed the way strace's print_array does. */
#include <stdint.h>
#include <stdlib.h>

#include "decode/array.h"
#include "decode/print.h"

void print_array(struct syscall_call *c, struct strbuf *out, bool at_exit, unsigned long addr,
		 unsigned long count, size_t elem_size, array_elem_printer print, void *ctx)
{
	if (!addr) {
		sb_puts(out, "NULL");
		return;
	}
	if (count == 0) {
		sb_puts(out, "[]");
		return;
	}
	unsigned long end = addr + count * elem_size;
	if (end <= addr || (end - addr) / elem_size != count) {
		print_addr(out, addr);
		return;
	}
	unsigned long max = (unsigned long)(c->strsize < 0 ? 0 : c->strsize);
	unsigned char small[64];
	unsigned char *elem = elem_size <= sizeof small ? small : malloc(elem_size);
	for (unsigned long i = 0; i < count; i++) {
		unsigned long cur = addr + i * elem_size;
		if (i)
			sb_puts(out, ", ");
		if (!elem || !fetch(c, at_exit, cur, elem, elem_size)) {
			if (i == 0) {
				print_addr(out, cur);
				goto done;
			}
			sb_printf(out, "... /* %#lx */", cur);
			break;
		}
		if (i == 0)
			sb_putc(out, '[');
		if (i >= max) {
			sb_puts(out, "...");
			break;
		}
		if (!print(c, out, elem, ctx))
			break;
	}
	sb_putc(out, ']');
done:
	if (elem != small)
		free(elem);
}

bool print_u8_elem(struct syscall_call *c, struct strbuf *out, const void *elem, void *ctx)
{
	(void)c;
	(void)ctx;
	sb_printf(out, "%u", *(const uint8_t *)elem);
	return true;
}

bool print_u32_elem(struct syscall_call *c, struct strbuf *out, const void *elem, void *ctx)
{
	(void)c;
	(void)ctx;
	sb_printf(out, "%u", *(const uint32_t *)elem);
	return true;
}

bool tlv_next(unsigned long *addr, unsigned long *len, unsigned long rec_len,
	      unsigned long aligned, unsigned long hdr_len)
{
	if (rec_len < hdr_len || *len <= aligned || *addr + aligned <= *addr)
		return false;
	*addr += aligned;
	*len -= aligned;
	return true;
}
