/*
 * Several threads, one after another so that each thread's lines come as a block (blocking.c
 * has threads whose calls overlap).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/socket.h>

static void *worker(void *arg)
{
	int n = (int)(long)arg, sv[2];
	char buf[16];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	send(sv[0], "worker", 6, 0);
	recv(sv[1], buf, sizeof(buf), 0);
	shutdown(sv[0], n % 3);
	return NULL;
}

int main(void)
{
	for (long i = 0; i < 3; i++) {
		pthread_t t;
		pthread_create(&t, NULL, worker, (void *)i);
		pthread_join(t, NULL);
	}
	return 0;
}
