/*
 * A loopback TCP echo server with several threads blocked in accept on one listener.
 *   echo_server [PORT [THREADS]]     (PORT 0, the default, picks a free port)
 * It prints "listening on 127.0.0.1:PORT" once ready. Each connection sends one line and gets
 * "echo: LINE" back; the reply depends only on the request, so traced and untraced runs can be
 * compared byte for byte.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int listener;

/* Reads up to and including the first newline (or to EOF); returns the length read. */
static size_t read_line(int fd, char *buf, size_t cap)
{
	size_t len = 0;
	while (len < cap) {
		ssize_t n = recv(fd, buf + len, cap - len, 0);
		if (n <= 0) break;
		len += (size_t)n;
		if (memchr(buf + len - n, '\n', (size_t)n)) break;
	}
	return len;
}

static void serve(int fd)
{
	char line[1024], reply[1100];
	size_t len = read_line(fd, line, sizeof(line));
	int n = snprintf(reply, sizeof(reply), "echo: %.*s", (int)len, line);
	for (int off = 0; off < n;) {
		ssize_t sent = send(fd, reply + off, (size_t)(n - off), MSG_NOSIGNAL);
		if (sent <= 0) break;
		off += (int)sent;
	}
}

static void *accept_loop(void *arg)
{
	(void)arg;
	for (;;) {
		int fd = accept(listener, NULL, NULL);
		if (fd < 0) continue;
		serve(fd);
		close(fd);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int port = argc > 1 ? atoi(argv[1]) : 0;
	int threads = argc > 2 ? atoi(argv[2]) : 4;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(a);
	int one = 1;

	listener = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (listener < 0 || bind(listener, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(listener, 64) < 0
	    || getsockname(listener, (struct sockaddr *)&a, &len) < 0) {
		perror("echo_server");
		return 1;
	}
	printf("listening on 127.0.0.1:%d\n", ntohs(a.sin_port));
	fflush(stdout);
	for (int i = 1; i < threads; i++) {
		pthread_t t;
		pthread_create(&t, NULL, accept_loop, NULL);
	}
	accept_loop(NULL);
	return 0;
}
