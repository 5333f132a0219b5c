/* Printing primitives shared by the decoders, each matching one strace printing rule. */
#ifndef NETTRACE_PRINT_H
#define NETTRACE_PRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "decode/decode.h"

/* "NULL" or the address in hex: how strace shows a pointer it does not (or cannot) follow. */
void print_addr(struct strbuf *out, unsigned long addr);

/*
 * Quotes size bytes in strace's style: \t \n \v \f \r \" \\ escaped, other non-printables in
 * octal (three digits when the next byte is an octal digit; `next` is that byte or -1), or every
 * byte as \xHH when force_hex.
 */
void print_quoted(struct strbuf *out, const unsigned char *s, size_t size, int next,
		  bool force_hex);

/*
 * A buffer of len bytes at addr as a quoted string cut at -s, with "..." after a cut; the
 * address when unreadable (strace's printstrn). force_hex is QUOTE_FORCE_HEX.
 */
void print_strn(const struct syscall_call *c, struct strbuf *out, unsigned long addr,
		unsigned long len, bool force_hex);

/* "[N]" from an int in the tracee, or the address (printnum_int). Returns false if unread. */
bool print_int_at(const struct syscall_call *c, bool at_exit, struct strbuf *out,
		  unsigned long addr);

/* Whether the call failed (its return value is an errno). */
bool call_failed(const struct syscall_call *c);

/*
 * Copies len bytes of the tracee; false if addr is NULL, unreadable, or (at_exit) the call
 * failed: strace never trusts what a failed call left in an output buffer (tfetch_mem).
 */
bool fetch(const struct syscall_call *c, bool at_exit, unsigned long addr, void *buf, size_t len);

#endif
