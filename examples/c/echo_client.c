/*
 * Sends one line to a loopback TCP server and prints the reply.
 *   echo_client PORT [MESSAGE]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: echo_client PORT [MESSAGE]\n");
		return 2;
	}
	const char *msg = argc > 2 ? argv[2] : "hello";
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[1])) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		perror("echo_client");
		return 1;
	}
	char line[1024];
	int n = snprintf(line, sizeof(line), "%s\n", msg);
	send(fd, line, (size_t)n, 0);
	shutdown(fd, SHUT_WR);
	char buf[1024];
	ssize_t got;
	while ((got = recv(fd, buf, sizeof(buf), 0)) > 0) fwrite(buf, 1, (size_t)got, stdout);
	close(fd);
	return 0;
}
