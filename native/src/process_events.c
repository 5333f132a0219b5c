#include "process_events.h"

#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "diag.h"
#include "json_out.h"
#include "options.h"
#include "output.h"
#include "proctab.h"
#include "signals.h"
#include "sockfds.h"
#include "syscall_stop.h"

static bool strace_text(void)
{
	return opts.format == FORMAT_STRACE;
}

struct tcb *tracee_appeared(pid_t tid, bool announce)
{
	struct tcb *t = tcb_add(tid, tgid_of(tid));
	/* A new process starts with a copy of its parent's descriptors; it is stopped, so
	 * /proc shows them as they were at the fork. */
	if (opts.trace_close && !tcb_sibling(t))
		sockfds_scan(t->sockets, t->pid);
	if (announce && !opts.quiet)
		diag("Process %d attached", tid);
	return t;
}

int signal_delivery(struct tcb *t, int sig)
{
	siginfo_t si;
	if (!strace_text())
		return sig;
	bool have_info = ptrace(PTRACE_GETSIGINFO, t->tid, 0L, &si) == 0;
	struct strbuf *out = out_buf();
	out_leader(t);
	sb_printf(out, "--- %s ", signal_name(sig));
	if (have_info)
		print_siginfo(out, &si);
	else
		sb_puts(out, "{}");
	sb_puts(out, " ---");
	out_line_end();
	return sig;
}

void group_stop(struct tcb *t, int sig)
{
	if (!strace_text())
		return;
	out_leader(t);
	sb_printf(out_buf(), "--- stopped by %s ---", signal_name(sig));
	out_line_end();
}

struct tcb *exec_happened(struct tcb *t)
{
	unsigned long old_tid = 0;
	ptrace(PTRACE_GETEVENTMSG, t->tid, 0L, &old_tid);
	struct tcb *execer = (pid_t)old_tid != t->tid ? tcb_find((pid_t)old_tid) : NULL;
	if (execer) {
		/* A non-leader thread ran execve: it now carries the leader's tid, and its old tid
		 * vanishes without an exit notification. */
		if (strace_text()) {
			out_leader(t);
			sb_printf(out_buf(), "+++ superseded by execve in pid %lu +++", old_tid);
			out_line_end();
			/* strace 6.1 then prints the next traced call of this pid split in two
			 * (" <unfinished ...>" and "<... NAME resumed>"); so do we. */
			t->reprint = true;
		}
		out_forget(execer);
		tcb_drop(execer);
	}
	t->in_syscall = false;
	t->desc = NULL;
	if (opts.trace_close)
		sockfds_scan(t->sockets, t->pid); /* close-on-exec descriptors are gone */
	if (!strace_text())
		json_exec(t);
	return t;
}

void fork_happened(struct tcb *t, int event)
{
	unsigned long child = 0;
	if (strace_text() || ptrace(PTRACE_GETEVENTMSG, t->tid, 0L, &child) < 0)
		return;
	/* A clone event may be a thread (no new process) or a process cloned without SIGCHLD. */
	if (event == PTRACE_EVENT_CLONE && tgid_of((pid_t)child) == t->pid)
		return;
	json_fork(t, (pid_t)child);
}

void tracee_gone(struct tcb *t, int status)
{
	if (t->in_syscall)
		syscall_killed(t);
	if (strace_text()) {
		if (WIFSIGNALED(status)) {
			out_leader(t);
			sb_printf(out_buf(), "+++ killed by %s %s+++", signal_name(WTERMSIG(status)),
				  WCOREDUMP(status) ? "(core dumped) " : "");
			out_line_end();
		} else if (opts.quiet < 2) {
			out_leader(t);
			sb_printf(out_buf(), "+++ exited with %d +++", WEXITSTATUS(status));
			out_line_end();
		}
	} else if (t->tid == t->pid) {
		json_exit(t->pid, status);
	}
	out_forget(t);
	tcb_drop(t);
}
