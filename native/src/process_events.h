/* What happens to tracees besides syscalls: birth, signals, stops, exec and death. */
#ifndef NETTRACE_PROCESS_EVENTS_H
#define NETTRACE_PROCESS_EVENTS_H

#include <stdbool.h>
#include <sys/types.h>

struct tcb;

/* First stop of a thread we did not know (an auto-attached child or thread). */
struct tcb *tracee_appeared(pid_t tid, bool announce);
/* A signal-delivery stop: prints "--- SIGX {...} ---" and returns the signal to deliver. */
int signal_delivery(struct tcb *t, int sig);
/* A group-stop ("--- stopped by SIGSTOP ---"). */
void group_stop(struct tcb *t, int sig);
/* PTRACE_EVENT_EXEC; returns the thread that now carries the process (the leader). */
struct tcb *exec_happened(struct tcb *t);
/* PTRACE_EVENT_FORK/VFORK/CLONE. */
void fork_happened(struct tcb *t, int event);
/* WIFEXITED/WIFSIGNALED: prints the exit line and forgets t. */
void tracee_gone(struct tcb *t, int status);

#endif
