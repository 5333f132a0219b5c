/*
 * Attach (-p) and detach. Attach seizes every thread of each process without stopping it for
 * long; detach leaves every thread running exactly as before, its interrupted syscalls restarted
 * and its pending signal delivered.
 */
#ifndef NETTRACE_ATTACH_H
#define NETTRACE_ATTACH_H

#include <sys/types.h>

struct tcb;

/* Seizes all threads of opts.pids; exits 1 (after letting go of what it got) on failure. */
void attach_processes(void);
/* Starts detaching: every thread is interrupted so that its next stop can be its last. */
void detach_begin(void);
/* A stop of t while detaching: let it go. */
void detach_at_stop(struct tcb *t, int status);

#endif
