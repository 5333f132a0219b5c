/*
 * Benchmark workload for bench/ptrace/run.sh.
 *
 *   workload rr N [GOFILE]     N loopback TCP request/response round trips (client + forked server)
 *   workload mixed N M [GOFILE] N cheap non-network syscalls with M network calls spread among them
 *
 * With GOFILE the workload waits until that file exists before starting, so a tracer can attach
 * first (the server is forked after the wait, so an attached tracer follows it too). It prints the
 * elapsed time of the work alone, in nanoseconds, so start-up and attach costs do not blur ratios.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void wait_for(const char *gofile)
{
	if (!gofile)
		return;
	printf("ready %d\n", getpid());
	fflush(stdout);
	while (access(gofile, F_OK) != 0)
		usleep(1000);
}

static int round_trips(long n, const char *gofile)
{
	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t alen = sizeof a;
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof a) || listen(lfd, 1) ||
	    getsockname(lfd, (struct sockaddr *)&a, &alen))
		die("listen");
	wait_for(gofile);
	long long t0 = now_ns();
	pid_t child = fork();
	if (child < 0)
		die("fork");
	if (child == 0) {
		int c = accept(lfd, NULL, NULL);
		char b[64];
		ssize_t r;
		while ((r = recv(c, b, sizeof b, 0)) > 0)
			if (send(c, b, (size_t)r, 0) != r)
				_exit(1);
		_exit(0);
	}
	close(lfd);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(fd, (struct sockaddr *)&a, sizeof a))
		die("connect");
	char msg[32] = "ping", back[32];
	for (long i = 0; i < n; i++) {
		if (send(fd, msg, sizeof msg, 0) != (ssize_t)sizeof msg)
			die("send");
		size_t got = 0;
		while (got < sizeof back) {
			ssize_t r = recv(fd, back + got, sizeof back - got, 0);
			if (r <= 0)
				die("recv");
			got += (size_t)r;
		}
	}
	close(fd);
	waitpid(child, NULL, 0);
	printf("%lld\n", now_ns() - t0);
	return 0;
}

static int mixed(long n, long m, const char *gofile)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	struct sockaddr_in a;
	socklen_t alen;
	long every = m > 0 ? n / m : n + 1;
	wait_for(gofile);
	long long t0 = now_ns();
	for (long i = 0; i < n; i++) {
		syscall(SYS_getppid);
		if (i % every == 0) {
			alen = sizeof a;
			getsockname(fd, (struct sockaddr *)&a, &alen);
		}
	}
	printf("%lld\n", now_ns() - t0);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 3 && strcmp(argv[1], "rr") == 0)
		return round_trips(atol(argv[2]), argc > 3 ? argv[3] : NULL);
	if (argc >= 4 && strcmp(argv[1], "mixed") == 0)
		return mixed(atol(argv[2]), atol(argv[3]), argc > 4 ? argv[4] : NULL);
	fprintf(stderr, "usage: workload rr N [GOFILE] | workload mixed N M [GOFILE]\n");
	return 2;
}
