#include "tracer.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "attach.h"
#include "cpu_place.h"
#include "options.h"
#include "output.h"
#include "process_events.h"
#include "proctab.h"
#include "stop_wait.h"
#include "syscall_stop.h"

bool seccomp_mode;

static volatile sig_atomic_t stop_requests; /* SIGINT/SIGTERM/SIGHUP, or the --duration alarm */
static volatile sig_atomic_t stop_signal;
static int handled_requests;
static bool detaching;

/*
 * wait4() returns EINTR when a request arrives while we sleep. A request that lands just
 * before wait4() would be missed, so the handler also arms a short repeating alarm that
 * interrupts the wait again until the loop has noticed.
 */
static void on_stop_request(int sig)
{
	if (sig != SIGALRM || !stop_requests) {
		stop_requests++;
		stop_signal = sig;
	}
	struct itimerval again = { { 0, 50000 }, { 0, 50000 } };
	setitimer(ITIMER_REAL, &again, NULL);
}

static void install_handlers(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_request; /* no SA_RESTART: wait4 must return */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (opts.duration > 0) {
		struct itimerval it = { { 0, 0 }, { (time_t)opts.duration,
			(suseconds_t)((opts.duration - (double)(time_t)opts.duration) * 1e6) } };
		if (!it.it_value.tv_sec && !it.it_value.tv_usec)
			it.it_value.tv_usec = 1;
		setitimer(ITIMER_REAL, &it, NULL);
	}
}

void resume(struct tcb *t, int sig)
{
	/* Under the filter only a traced call in progress needs its exit stop. */
	int req = seccomp_mode && !t->in_syscall ? PTRACE_CONT : PTRACE_SYSCALL;
	ptrace(req, t->tid, 0L, (long)sig);
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static void dispatch_stop(struct tcb *t, int status)
{
	int sig = WSTOPSIG(status);
	switch ((unsigned)status >> 16) {
	case 0:
		if (sig == (SIGTRAP | 0x80)) {
			syscall_stop(t);
			resume(t, 0);
		} else {
			resume(t, signal_delivery(t, sig));
		}
		break;
	case PTRACE_EVENT_SECCOMP:
		syscall_stop(t);
		resume(t, 0);
		break;
	case PTRACE_EVENT_STOP:
		if (is_stop_signal(sig)) {
			/* Stay stopped like an untraced process, yet hear about SIGCONT. */
			group_stop(t, sig);
			ptrace(PTRACE_LISTEN, t->tid, 0L, 0L);
		} else {
			resume(t, 0);
		}
		break;
	case PTRACE_EVENT_EXEC:
		resume(exec_happened(t), 0);
		break;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		fork_happened(t, (int)((unsigned)status >> 16));
		resume(t, 0);
		break;
	case PTRACE_EVENT_EXIT:
		if (t->in_syscall)
			syscall_killed(t);
		resume(t, 0);
		break;
	default:
		resume(t, 0);
	}
}

static void dispatch(pid_t tid, int status, pid_t main_child, int *exit_code)
{
	struct tcb *t = tcb_find(tid);
	if (!t) {
		if (!WIFSTOPPED(status))
			return;
		t = tracee_appeared(tid, !detaching);
	}
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		if (tid == main_child)
			*exit_code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
		tracee_gone(t, status);
	} else if (WIFSTOPPED(status)) {
		if (detaching)
			detach_at_stop(t, status);
		else
			dispatch_stop(t, status);
	}
}

/*
 * Attached processes are let go. A launched command gets the signal we got (strace does the
 * same) and we keep tracing it to its end; a second request ends the trace at once: under the
 * filter EXITKILL takes the tracees with us, without it they are detached.
 */
static void handle_stop_request(pid_t main_child)
{
	static const struct itimerval off;
	setitimer(ITIMER_REAL, &off, NULL); /* noticed: no more nudging */
	handled_requests = stop_requests;
	if (detaching)
		return;
	if (main_child && handled_requests == 1 && stop_signal != SIGALRM) {
		kill(main_child, stop_signal);
		return;
	}
	if (main_child && seccomp_mode) {
		out_flush();
		exit(128 + stop_signal);
	}
	detaching = true;
	detach_begin();
}

int trace_loop(pid_t main_child)
{
	int exit_code = 0;
	install_handlers();
	while (tcb_count() > 0) {
		if (stop_requests != handled_requests)
			handle_stop_request(main_child);
		int status;
		pid_t tid = stop_wait(&status);
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			break; /* ECHILD: nothing left to wait for */
		}
		cpu_follow(tid);
		dispatch(tid, status, main_child, &exit_code);
		out_flush_if_full();
	}
	out_flush();
	return exit_code;
}
