/*
 * Calls that block, and what ends them: data from another thread, a signal with and without
 * SA_RESTART, a timer, a socket timeout, SIGPIPE, and death by a signal. Every waker first
 * waits until its target sleeps inside the call, so the order of lines is fixed: what varies
 * is only whether strace splits a call into <unfinished ...> and <... resumed>.
 */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

/* True once the task sleeps inside syscall nr (not merely stopped there by a tracer). */
static int sleeping_in(pid_t pid, pid_t tid, long nr)
{
	char path[64], stat[512];
	long cur = -1;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", pid, tid);
	FILE *f = fopen(path, "r");
	if (!f) return 0;
	if (fscanf(f, "%ld", &cur) != 1) cur = -1;
	fclose(f);
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
	f = fopen(path, "r");
	if (!f) return 0;
	size_t got = fread(stat, 1, sizeof(stat) - 1, f);
	fclose(f);
	stat[got] = 0;
	char *state = strrchr(stat, ')');
	return cur == nr && state && state[2] == 'S';
}

static void wait_until_sleeping(pid_t pid, pid_t tid, long nr)
{
	while (!sleeping_in(pid, tid, nr)) usleep(1000);
}

static void on_signal(int sig)
{
	(void)sig;
}

static void handle(int sig, int flags)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = flags };
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static int pair[2];
static pid_t receiver_tid;

static void *receiver(void *arg)
{
	(void)arg;
	char buf[16];
	__atomic_store_n(&receiver_tid, (pid_t)syscall(SYS_gettid), __ATOMIC_SEQ_CST);
	recvfrom(pair[1], buf, sizeof(buf), 0, NULL, NULL);
	return NULL;
}

int main(void)
{
	pid_t me = getpid();
	char buf[16];
	/* SIGCHLD carries the children's CPU times, which vary: keep it pending, never delivered. */
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);

	/* A thread sleeps in recvfrom until the main thread sends. */
	socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
	pthread_t r;
	pthread_create(&r, NULL, receiver, NULL);
	while (!__atomic_load_n(&receiver_tid, __ATOMIC_SEQ_CST)) usleep(1000);
	wait_until_sleeping(me, receiver_tid, SYS_recvfrom);
	sendto(pair[0], "wake up", 7, 0, NULL, 0);
	pthread_join(r, NULL);

	/* SIGUSR1 with SA_RESTART into accept: ERESTARTSYS, the handler, and accept again. */
	handle(SIGUSR1, SA_RESTART);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	bind(lfd, (struct sockaddr *)&a, sizeof(a));
	listen(lfd, 1);
	getsockname(lfd, (struct sockaddr *)&a, &len);
	pid_t child = fork();
	if (child == 0) {
		wait_until_sleeping(me, me, SYS_accept);
		kill(me, SIGUSR1);
		usleep(1000);
		wait_until_sleeping(me, me, SYS_accept);
		connect(socket(AF_INET, SOCK_STREAM, 0), (struct sockaddr *)&a, sizeof(a));
		_exit(0);
	}
	accept(lfd, NULL, NULL);
	waitpid(child, NULL, 0);

	/* SIGUSR2 without SA_RESTART into recvfrom: the call ends with EINTR. */
	handle(SIGUSR2, 0);
	child = fork();
	if (child == 0) {
		wait_until_sleeping(me, me, SYS_recvfrom);
		kill(me, SIGUSR2);
		_exit(0);
	}
	recvfrom(pair[1], buf, sizeof(buf), 0, NULL, NULL);
	waitpid(child, NULL, 0);

	/* A kernel timer (SI_KERNEL) into a receive with SO_RCVTIMEO: EINTR straight away. */
	handle(SIGALRM, SA_RESTART);
	struct timeval tmo = { .tv_sec = 10 };
	setsockopt(pair[1], SOL_SOCKET, SO_RCVTIMEO, &tmo, sizeof(tmo));
	struct itimerval it = { .it_value = { .tv_usec = 100000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	recv(pair[1], buf, sizeof(buf), 0);

	/* SIGPIPE, handled: the send still fails with EPIPE. */
	handle(SIGPIPE, 0);
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	shutdown(sv[1], SHUT_RD);
	send(sv[0], "nobody reads", 12, 0);

	/* A child killed by SIGTERM while it sleeps in recvfrom. */
	child = fork();
	if (child == 0) {
		recvfrom(sv[0], buf, sizeof(buf), 0, NULL, NULL);
		_exit(0);
	}
	wait_until_sleeping(child, child, SYS_recvfrom);
	kill(child, SIGTERM);
	waitpid(child, NULL, 0);
	return 0;
}
