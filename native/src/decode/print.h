/* Printing primitives shared by the decoders, each matching one strace printing rule. */
#ifndef NETTRACE_PRINT_H
#define NETTRACE_PRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "decode/decode.h"

/* "NULL" or the address in hex: how strace shows a pointer it does not (or cannot) follow. */
void print_addr(struct strbuf *out, unsigned long addr);

/* How strace quotes a buffer (its QUOTE_* flags that these decoders need). */
enum quote_style {
	QUOTE_OCTAL = 0,          /* \t \n \v \f \r \" \\ escaped, other non-printables in octal */
	QUOTE_FORCE_HEX = 1,      /* every byte as \xHH */
	QUOTE_TRAILING_NUL = 2,   /* a string attribute: a final NUL is not shown, and "..."
				     follows when it is missing */
	QUOTE_NO_QUOTES = 4,      /* no surrounding double quotes */
	QUOTE_ESCAPE_ANGLES = 8,  /* '<' and '>' in octal too (a path inside -y's brackets) */
};

/*
 * Quotes size bytes. An octal escape takes three digits when the next of the size bytes is an
 * octal digit (strace never looks beyond them). Returns false when QUOTE_TRAILING_NUL dropped
 * a final NUL.
 */
bool print_quoted_ex(struct strbuf *out, const unsigned char *s, size_t size,
		     enum quote_style style);
void print_quoted(struct strbuf *out, const unsigned char *s, size_t size, bool force_hex);

/*
 * A buffer of len bytes at addr as a quoted string cut at -s, with "..." after a cut; the
 * address when unreadable (strace's printstr_ex).
 */
void print_str_ex(const struct syscall_call *c, struct strbuf *out, unsigned long addr,
		  unsigned long len, enum quote_style style);
void print_strn(const struct syscall_call *c, struct strbuf *out, unsigned long addr,
		unsigned long len, bool force_hex);
/* The two steps of print_str_ex, for callers that look at the bytes first: how many bytes to
 * copy out of a len-byte buffer, and printing them once copied. */
size_t str_fetch_size(const struct syscall_call *c, unsigned long len);
void print_fetched_str(const struct syscall_call *c, struct strbuf *out,
		       const unsigned char *buf, unsigned long len, enum quote_style style);

/* "[N]" from an int in the tracee, or the address (printnum_int). Returns false if unread. */
bool print_int_at(const struct syscall_call *c, bool at_exit, struct strbuf *out,
		  unsigned long addr);

/* A descriptor argument or result: its number, then with -y/-yy what it refers to. */
void print_fd(const struct syscall_call *c, struct strbuf *out, unsigned long fd);

/* Whether the call failed (its return value is an errno). */
bool call_failed(const struct syscall_call *c);

/*
 * Copies len bytes of the tracee; false if addr is NULL, unreadable, or (at_exit) the call
 * failed: strace never trusts what a failed call left in an output buffer (tfetch_mem).
 */
bool fetch(const struct syscall_call *c, bool at_exit, unsigned long addr, void *buf, size_t len);

#endif
