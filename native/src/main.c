/*
 * nettrace-ptrace: strace -f -e trace=network for launched commands (-- CMD ARGS, under a
 * seccomp filter so untraced calls never stop) and running processes (-p PID).
 */
#include <stdlib.h>

#include "attach.h"
#include "launch.h"
#include "options.h"
#include "output.h"
#include "tracer.h"

int main(int argc, char **argv)
{
	parse_options(argc, argv);
	out_open(opts.outfile);
	pid_t child = 0;
	if (opts.command) {
		seccomp_mode = !opts.no_seccomp;
		child = launch_command(opts.command);
	} else {
		attach_processes();
	}
	return trace_loop(child);
}
