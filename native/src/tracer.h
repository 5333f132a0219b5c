/* The stop loop and what every part of the tracer shares about the tracees. */
#ifndef NETTRACE_TRACER_H
#define NETTRACE_TRACER_H

#include <stdbool.h>
#include <sys/ptrace.h>
#include <sys/types.h>

struct tcb;

/* Options for every seized thread (launch adds TRACESECCOMP and EXITKILL). */
#define TRACE_OPTIONS (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT | \
		       PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK)

/* True when tracees run under our seccomp filter (entries arrive as seccomp stops). */
extern bool seccomp_mode;

/*
 * Runs until every tracee is gone or detached. main_child is the launched command (0 when
 * attaching); returns the exit code for the tracer: the command's status, 128+N for a signal.
 */
int trace_loop(pid_t main_child);

/* Resumes a stopped thread, delivering sig (0: none). */
void resume(struct tcb *t, int sig);

#endif
