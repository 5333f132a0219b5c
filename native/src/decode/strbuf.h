/* A growable output line. Every printed call is built in one before it is written out. */
#ifndef NETTRACE_STRBUF_H
#define NETTRACE_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len, cap;
};

void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_puts(struct strbuf *sb, const char *s);
void sb_putc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends n bytes (which may contain NULs). */
void sb_putn(struct strbuf *sb, const char *s, size_t n);

#endif
