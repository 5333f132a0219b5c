/* Option parsing. The Java CLI passes exactly these; they mean what they mean to strace. */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

struct options opts = { .format = FORMAT_STRACE, .strsize = 32 };

static const char usage_text[] =
	"usage: nettrace-ptrace [--format strace|json] [-o FILE] [-s N] [-q|-qq] [-y|-yy] [-T]\n"
	"                       [-t|-tt|-ttt] [--close] [--no-seccomp] [-f] (-p PID[,PID...] [--duration S] | -- CMD ARGS)\n";

static long parse_long(const char *s, long min, long max, const char *what)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		usage_error("invalid %s '%s'", what, s);
	return v;
}

static void add_pids(const char *list)
{
	char *copy = strdup(list);
	if (!copy)
		die_errno("strdup");
	for (char *save, *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		pid_t *grown = realloc(opts.pids, (size_t)(opts.npids + 1) * sizeof(*grown));
		if (!grown)
			die_errno("realloc");
		opts.pids = grown;
		opts.pids[opts.npids++] = (pid_t)parse_long(tok, 1, INT_MAX, "process id");
	}
	free(copy);
}

enum { OPT_FORMAT = 256, OPT_CLOSE, OPT_NO_SECCOMP, OPT_DURATION, OPT_HELP };

void parse_options(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "close", no_argument, NULL, OPT_CLOSE },
		{ "no-seccomp", no_argument, NULL, OPT_NO_SECCOMP },
		{ "duration", required_argument, NULL, OPT_DURATION },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	/* "+": stop at the first non-option, so the command's own options stay its own. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+o:s:qyTtfp:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (!strcmp(optarg, "strace"))
				opts.format = FORMAT_STRACE;
			else if (!strcmp(optarg, "json"))
				opts.format = FORMAT_JSON;
			else
				usage_error("unknown format '%s' (strace or json)", optarg);
			break;
		case 'o': opts.outfile = optarg; break;
		case 's': opts.strsize = (int)parse_long(optarg, 0, INT_MAX, "string limit"); break;
		case 'q': if (opts.quiet < 2) opts.quiet++; break;
		case 'y': if (opts.decode_fds < 2) opts.decode_fds++; break;
		case 'T': opts.syscall_times = true; break;
		case 't': if (opts.timestamps < 3) opts.timestamps++; break;
		case 'f': break; /* following is always on */
		case 'p': add_pids(optarg); break;
		case OPT_CLOSE: opts.trace_close = true; break;
		case OPT_NO_SECCOMP: opts.no_seccomp = true; break;
		case OPT_DURATION: {
			char *end;
			errno = 0;
			opts.duration = strtod(optarg, &end);
			if (errno || end == optarg || *end || !(opts.duration > 0))
				usage_error("invalid duration '%s'", optarg);
			break;
		}
		case OPT_HELP:
			fputs(usage_text, stdout);
			exit(0);
		case '?':
		default:
			if (optopt && optopt < 256)
				usage_error("invalid option -- '%c'", optopt);
			usage_error("unrecognized option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		opts.command = argv + optind;
	if (!opts.command == !opts.pids)
		usage_error(opts.command ? "-p and a command are mutually exclusive"
					 : "must have PROG [ARGS] or -p PID");
	if (opts.duration > 0 && !opts.pids)
		usage_error("--duration needs -p");
}
