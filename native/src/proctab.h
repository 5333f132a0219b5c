/*
 * The traced threads (strace's tcbs). Every thread we hold under ptrace has one entry, from the
 * first stop we see of it until its exit (or our detach); processes are the threads' tgids.
 */
#ifndef NETTRACE_PROCTAB_H
#define NETTRACE_PROCTAB_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "decode/decode.h"

struct sockfds;

struct tcb {
	pid_t tid;
	pid_t pid;                /* thread-group id */
	bool in_syscall;          /* between entry and exit of some syscall */
	const struct syscall_desc *desc; /* the call in progress when it is traced, else NULL */
	bool reprint;             /* strace's TCB_REPRINT: the next exit starts a "resumed" line */
	int64_t entry_realtime_ns;  /* the call's entry: JSON "ts" */
	int64_t entry_mono_ns;      /* for -T and "durNs" */
	struct syscall_call call;
	struct sockfds *sockets;  /* the process's socket descriptors (--close), shared by threads */
};

/* Finds a thread; NULL if not traced. */
struct tcb *tcb_find(pid_t tid);
/* Adds a thread of process pid. */
struct tcb *tcb_add(pid_t tid, pid_t pid);
/* Forgets a thread. */
void tcb_drop(struct tcb *t);
/* Threads traced right now (strace's nprocs). */
int tcb_count(void);
/* Calls fn for every thread; fn may drop the thread it is given. */
void tcb_for_each(void (*fn)(struct tcb *t, void *arg), void *arg);
/* Another live thread of the same process, or NULL. */
struct tcb *tcb_sibling(const struct tcb *t);

/* The thread-group id of tid from /proc (tid itself when it is gone). */
pid_t tgid_of(pid_t tid);

#endif
