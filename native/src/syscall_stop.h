/* Syscall entry and exit stops: the line of a traced call, or its JSON event. */
#ifndef NETTRACE_SYSCALL_STOP_H
#define NETTRACE_SYSCALL_STOP_H

#include <sys/ptrace.h>

struct tcb;

/* A syscall-entry, syscall-exit or seccomp stop of t. */
void syscall_stop(struct tcb *t);
/* t dies inside a traced call: strace's "= ?" line. */
void syscall_killed(struct tcb *t);

#endif
