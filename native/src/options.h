/* Command-line options: strace's letters for the things nettrace does. */
#ifndef NETTRACE_OPTIONS_H
#define NETTRACE_OPTIONS_H

#include <stdbool.h>
#include <sys/types.h>

enum out_format { FORMAT_STRACE, FORMAT_JSON };

struct options {
	enum out_format format;
	const char *outfile;      /* NULL: stderr */
	int strsize;              /* -s */
	int quiet;                /* 1: -q (no attach/detach messages), 2: -qq (no exit lines) */
	bool syscall_times;       /* -T */
	int decode_fds;           /* 1: -y (descriptor paths), 2: -yy (socket endpoints too) */
	int timestamps;           /* 1: -t, 2: -tt, 3: -ttt */
	bool trace_close;         /* --close */
	bool no_seccomp;          /* --no-seccomp */
	double duration;          /* --duration, seconds; 0: until interrupted */
	pid_t *pids;              /* -p */
	int npids;
	char **command;           /* after "--" (or the first non-option) */
};

extern struct options opts;

/* Fills opts; on a usage error prints one line and exits 2. */
void parse_options(int argc, char **argv);

#endif
