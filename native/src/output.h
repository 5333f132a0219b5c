/*
 * The strace text sink and strace's line bookkeeping: which thread owns the open line
 * (printing_tcp), the pid and time prefixes, the padding to column 40, and " <unfinished ...>"
 * when another thread's line interrupts an open one. Output is buffered and written when the
 * tracer is about to sleep (or the buffer fills), so a busy trace costs few write()s while a
 * reader still sees every line before the tracer waits for the next stop.
 */
#ifndef NETTRACE_OUTPUT_H
#define NETTRACE_OUTPUT_H

#include <stdbool.h>

#include "decode/strbuf.h"

struct tcb;

/* Opens -o FILE (or uses stderr); exits 1 if it cannot. */
void out_open(const char *path);
/* The buffer lines are built in (decoders print straight into it). */
struct strbuf *out_buf(void);

/* Starts a line for t: ends another open line with " <unfinished ...>", prints the prefixes. */
void out_leader(struct tcb *t);
/* Whether t's line is the open one (strace: printing_tcp == tcp). */
bool out_line_is(const struct tcb *t);
/* Pads the open line to column 40. */
void out_tab(void);
/* Ends the open line. */
void out_line_end(void);
/* t goes away: an open line of t ends with " <detached ...>" (strace's droptcb). */
void out_forget(struct tcb *t);

/* Appends one complete line that belongs to no thread (JSON). */
void out_record(const char *line, size_t len);
/* Writes what is buffered. */
void out_flush(void);
/* Writes if the buffer is getting large. */
void out_flush_if_full(void);

#endif
