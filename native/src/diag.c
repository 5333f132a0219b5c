#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

static void vdiag(const char *fmt, va_list ap, const char *suffix)
{
	char line[512];
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	if (n < 0)
		return;
	/* The trace may share stderr: what was traced before this message is printed first. */
	out_flush();
	fprintf(stderr, PROGNAME ": %s%s%s\n", line, suffix ? ": " : "", suffix ? suffix : "");
}

void diag(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(fmt, ap, NULL);
	va_end(ap);
}

void usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(fmt, ap, NULL);
	va_end(ap);
	exit(2);
}

void die_errno(const char *fmt, ...)
{
	const char *err = strerror(errno);
	va_list ap;
	va_start(ap, fmt);
	vdiag(fmt, ap, err);
	va_end(ap);
	exit(1);
}
