/*
 * The floor for full entry+exit fidelity, as the issue defines it: a seccomp tracer that stops
 * at the entry and the exit of each network syscall (the same 21 as nettrace-ptrace, through a
 * SECCOMP_RET_TRACE filter) and only resumes the tracee, decoding and printing nothing. Every
 * tracer that reports return values and received data needs at least these two stops per call,
 * so bench/run.sh prints it beside nettrace and strace.
 *
 *   bare_tracer CMD ARGS...
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const int traced[] = {
	SYS_socket, SYS_socketpair, SYS_bind, SYS_listen, SYS_accept, SYS_accept4, SYS_connect,
	SYS_getsockname, SYS_getpeername, SYS_sendto, SYS_recvfrom, SYS_sendmsg, SYS_recvmsg,
	SYS_sendmmsg, SYS_recvmmsg, SYS_shutdown, SYS_setsockopt, SYS_getsockopt, SYS_sendfile,
	SYS_getpmsg, SYS_putpmsg,
};
enum { N = sizeof(traced) / sizeof(traced[0]) };

static void install_filter(void)
{
	struct sock_filter f[N + 3];
	f[0] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	for (int i = 0; i < N; i++)
		f[1 + i] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)traced[i], (unsigned char)(N - i), 0);
	f[N + 1] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	f[N + 2] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
	struct sock_fprog prog = {.len = N + 3, .filter = f};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) {
		perror("seccomp");
		_exit(127);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bare_tracer CMD ARGS...\n");
		return 2;
	}
	pid_t child = fork();
	if (child == 0) {
		raise(SIGSTOP); /* until seized */
		install_filter();
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	int st;
	waitpid(child, &st, WUNTRACED);
	long opts = PTRACE_O_TRACESECCOMP | PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
		    PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL;
	if (ptrace(PTRACE_SEIZE, child, 0, opts)) {
		perror("PTRACE_SEIZE");
		return 1;
	}
	kill(child, SIGCONT);
	int status = 0;
	for (;;) {
		pid_t tid = waitpid(-1, &st, __WALL);
		if (tid < 0)
			break;
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			if (tid == child)
				status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
			continue;
		}
		int sig = WSTOPSIG(st), event = (unsigned)st >> 16;
		if (event == PTRACE_EVENT_SECCOMP)
			ptrace(PTRACE_SYSCALL, tid, 0, 0); /* on to the exit stop */
		else if (sig == (SIGTRAP | 0x80) || event)
			ptrace(PTRACE_CONT, tid, 0, 0);
		else if (event == 0 && (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) &&
			 ptrace(PTRACE_GETSIGINFO, tid, 0, &(siginfo_t){0}) < 0 && errno == EINVAL)
			ptrace(PTRACE_LISTEN, tid, 0, 0); /* group-stop */
		else
			ptrace(PTRACE_CONT, tid, 0, (void *)(long)sig);
	}
	return status;
}
