/* Arrays in tracee memory, printed the way strace's print_array does. */
#ifndef NETTRACE_ARRAY_H
#define NETTRACE_ARRAY_H

#include "decode/decode.h"

/* Prints one element (elem_size raw tracee bytes); false stops the array there. */
typedef bool (*array_elem_printer)(struct syscall_call *c, struct strbuf *out, const void *elem,
				   void *ctx);

/*
 * [e0, e1, ...]: "NULL" for a NULL addr, "[]" when count is 0, the pointer when the first
 * element is unreadable, "... /\* addr *\/" where a later one is, and "..." after -s elements.
 * at_exit: a failed call's memory is not read (strace's tfetch_mem).
 */
void print_array(struct syscall_call *c, struct strbuf *out, bool at_exit, unsigned long addr,
		 unsigned long count, size_t elem_size, array_elem_printer print, void *ctx);

/* Element printers for arrays of unsigned ints of 1 or 4 bytes. */
bool print_u8_elem(struct syscall_call *c, struct strbuf *out, const void *elem, void *ctx);
bool print_u32_elem(struct syscall_call *c, struct strbuf *out, const void *elem, void *ctx);

/*
 * Netlink messages and attributes are type-length-value records: where the record at addr
 * (of rec_len bytes, the aligned length `aligned`, at least hdr_len for a next one) leaves
 * the next. False when it is the last.
 */
bool tlv_next(unsigned long *addr, unsigned long *len, unsigned long rec_len,
	      unsigned long aligned, unsigned long hdr_len);

#endif
