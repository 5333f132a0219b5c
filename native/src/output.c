#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "options.h"
#include "proctab.h"

enum { ALIGN_COLUMN = 40, FLUSH_AT = 16384 };

static int out_fd = STDERR_FILENO;
static struct strbuf buf;
static struct tcb *printing;   /* the thread whose line was started last (strace's printing_tcp) */
static bool line_open;         /* printing's line has no newline yet */
static long line_start;        /* offset of the open line in buf (negative once partly flushed) */

void out_open(const char *path)
{
	sb_init(&buf);
	if (!path)
		return;
	out_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (out_fd < 0)
		die_errno("can't open '%s'", path);
}

struct strbuf *out_buf(void)
{
	return &buf;
}

static void put_timestamp(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (opts.timestamps == 3) {
		sb_printf(&buf, "%lld.%06ld ", (long long)ts.tv_sec, ts.tv_nsec / 1000);
		return;
	}
	struct tm tm;
	char hms[16];
	localtime_r(&ts.tv_sec, &tm);
	strftime(hms, sizeof(hms), "%T", &tm);
	if (opts.timestamps == 2)
		sb_printf(&buf, "%s.%06ld ", hms, ts.tv_nsec / 1000);
	else
		sb_printf(&buf, "%s ", hms);
}

void out_leader(struct tcb *t)
{
	if (line_open) {
		sb_puts(&buf, " <unfinished ...>\n");
		line_open = false;
	}
	printing = t;
	line_open = true;
	line_start = (long)buf.len;
	/* We always follow forks, so -o FILE gets strace -f's prefix on every line. */
	if (opts.outfile)
		sb_printf(&buf, "%-5u ", (unsigned)t->tid);
	else if (tcb_count() > 1)
		sb_printf(&buf, "[pid %5u] ", (unsigned)t->tid);
	if (opts.timestamps)
		put_timestamp();
}

bool out_line_is(const struct tcb *t)
{
	return printing == t;
}

void out_tab(void)
{
	static const char spaces[] = "                                        ";
	long col = (long)buf.len - line_start;
	if (col < ALIGN_COLUMN)
		sb_putn(&buf, spaces, (size_t)(ALIGN_COLUMN - col));
}

void out_line_end(void)
{
	sb_putc(&buf, '\n');
	line_open = false;
}

void out_forget(struct tcb *t)
{
	if (printing != t)
		return;
	if (line_open)
		sb_puts(&buf, " <detached ...>\n");
	line_open = false;
	printing = NULL;
}

void out_record(const char *line, size_t len)
{
	sb_putn(&buf, line, len);
}

void out_flush(void)
{
	size_t done = 0;
	while (done < buf.len) {
		ssize_t n = write(out_fd, buf.buf + done, buf.len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* like strace, a broken output does not stop the trace */
		done += (size_t)n;
	}
	line_start -= (long)buf.len;
	sb_reset(&buf);
}

void out_flush_if_full(void)
{
	if (buf.len >= FLUSH_AT)
		out_flush();
}
