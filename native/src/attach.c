#include "attach.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "diag.h"
#include "options.h"
#include "output.h"
#include "proctab.h"
#include "sockfds.h"
#include "tracer.h"

/*
 * Seizes the threads of process tgid not seized yet; returns how many it added, -1 if the
 * thread the user named failed.
 */
static int seize_new_threads(pid_t tgid, pid_t named)
{
	char dir[64];
	snprintf(dir, sizeof(dir), "/proc/%d/task", tgid);
	DIR *d = opendir(dir);
	if (!d) {
		errno = ESRCH;
		return -1;
	}
	int added = 0;
	for (struct dirent *e; (e = readdir(d));) {
		pid_t tid = (pid_t)atoi(e->d_name);
		if (tid <= 0 || tcb_find(tid))
			continue;
		/* Seize, then interrupt: the first stop tells us the thread is ours, and from then
		 * on PTRACE_SYSCALL stops report every syscall. */
		if (ptrace(PTRACE_SEIZE, tid, 0L, (unsigned long)TRACE_OPTIONS) < 0) {
			if (tid == named) {
				closedir(d);
				return -1;
			}
			continue; /* a thread that exited meanwhile */
		}
		ptrace(PTRACE_INTERRUPT, tid, 0L, 0L);
		tcb_add(tid, tgid);
		added++;
	}
	closedir(d);
	return added;
}

/* pid may name any thread: like strace -f, we take its whole process. */
static void attach_process(pid_t pid)
{
	pid_t tgid = tgid_of(pid);
	int total = 0, added;
	/* Threads may be born while we read the list: read it again until it stops growing. */
	while ((added = seize_new_threads(tgid, pid)) > 0)
		total += added;
	/* Dying lets go of the threads already seized: without EXITKILL they run on. */
	if (added < 0 && !tcb_find(pid))
		die_errno("attach: ptrace(PTRACE_SEIZE, %d)", pid);
	struct tcb *t = tcb_find(pid);
	if (opts.trace_close && t)
		sockfds_scan(t->sockets, tgid);
	if (opts.quiet)
		return;
	if (total > 1)
		diag("Process %d attached with %d threads", pid, total);
	else
		diag("Process %d attached", pid);
}

void attach_processes(void)
{
	for (int i = 0; i < opts.npids; i++)
		if (!tcb_find(opts.pids[i]))
			attach_process(opts.pids[i]);
}

static void interrupt(struct tcb *t, void *arg)
{
	(void)arg;
	ptrace(PTRACE_INTERRUPT, t->tid, 0L, 0L);
}

void detach_begin(void)
{
	tcb_for_each(interrupt, NULL);
}

void detach_at_stop(struct tcb *t, int status)
{
	int sig = WSTOPSIG(status);
	/* A signal-delivery stop holds a signal the process must still get; every other stop
	 * (syscall, event, interrupt, group-stop) is let go with none. A syscall cut short by our
	 * interrupt returns -ERESTARTSYS, which the kernel restarts once no signal is pending. */
	int deliver = ((unsigned)status >> 16) == 0 && sig != (SIGTRAP | 0x80) ? sig : 0;
	ptrace(PTRACE_DETACH, t->tid, 0L, (long)deliver);
	if (t->desc)
		decode_discard(&t->call);
	pid_t tid = t->tid;
	out_forget(t);
	tcb_drop(t);
	if (!opts.quiet)
		diag("Process %d detached", tid);
}
