/*
 * exec: the first image makes a call, then a second thread execs this program again (so the
 * thread-group leader is replaced: strace's "superseded by execve"), and the second image
 * execs another corpus program from its main thread.
 */
#define _GNU_SOURCE
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char self[PATH_MAX];

static void *exec_again(void *arg)
{
	(void)arg;
	socket(AF_INET, SOCK_STREAM, 0);
	execl(self, self, "second", (char *)NULL);
	return NULL;
}

int main(int argc, char **argv)
{
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0) return 1;
	self[n] = 0;
	if (argc > 1 && strcmp(argv[1], "second") == 0) {
		char target[PATH_MAX + 16];
		socket(AF_INET6, SOCK_STREAM, 0);
		snprintf(target, sizeof(target), "%s/unix_cmsg", dirname(self));
		execl(target, target, (char *)NULL);
		return 2;
	}
	socket(AF_UNIX, SOCK_STREAM, 0);
	pthread_t t;
	pthread_create(&t, NULL, exec_again, NULL);
	pthread_join(t, NULL);
	return 3;
}
