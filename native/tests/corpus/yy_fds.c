/*
 * Descriptors of every kind in network calls, for -y and -yy: files (a name that needs
 * escaping, a deleted one), a device, a pipe, an eventfd, a closed number, and sockets whose
 * state changes after strace first found them in the kernel's tables (strace keeps the first
 * text it found per inode).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static struct sockaddr_in loopback(unsigned short port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* A network call on a descriptor that is no socket: ENOTSOCK, but -y still names the file. */
static void not_a_socket(int fd)
{
	int type;
	socklen_t len = sizeof type;
	getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len);
}

int main(void)
{
	int dev = open("/dev/null", O_RDWR);
	not_a_socket(dev);
	int p[2];
	if (pipe(p))
		return 1;
	shutdown(p[0], SHUT_RD);
	int efd = eventfd(0, 0);
	listen(efd, 1);
	int odd = open("a <b> \"q\"\\\t.txt", O_CREAT | O_RDWR, 0600);
	not_a_socket(odd);
	int gone = open("gone.txt", O_CREAT | O_RDWR, 0600);
	unlink("gone.txt");
	not_a_socket(gone);
	not_a_socket(1000);

	/* UDP bound, then connected: the text found after bind sticks. */
	struct sockaddr_in a = loopback(0), b;
	socklen_t len = sizeof b;
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	bind(u, (struct sockaddr *)&a, sizeof a);
	getsockname(u, (struct sockaddr *)&b, &len);
	connect(u, (struct sockaddr *)&b, sizeof b);
	sendto(u, "me", 2, 0, NULL, 0);
	recvfrom(u, (char[8]){ 0 }, 8, 0, NULL, NULL);

	/* UDP that gets its port from its first send: no table lists it before. */
	int u2 = socket(AF_INET, SOCK_DGRAM, 0);
	sendto(u2, "x", 1, 0, (struct sockaddr *)&b, sizeof b);
	getsockname(u2, (struct sockaddr *)&a, &len);

	/* TCP: a listener, both ends of a connection, then the client's number reused. */
	struct sockaddr_in srv = loopback(0);
	len = sizeof srv;
	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	bind(lfd, (struct sockaddr *)&srv, sizeof srv);
	getsockname(lfd, (struct sockaddr *)&srv, &len);
	listen(lfd, 4);
	int c = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, (struct sockaddr *)&srv, sizeof srv);
	int s = accept(lfd, NULL, NULL);
	shutdown(s, SHUT_WR);
	recvfrom(c, (char[8]){ 0 }, 8, 0, NULL, NULL);
	close(c);
	int c2 = socket(AF_INET, SOCK_STREAM, 0);
	connect(c2, (struct sockaddr *)&srv, sizeof srv);
	getpeername(c2, (struct sockaddr *)&b, &len);

	/* Bound explicitly, then refused: the port stays bound and the table still lists it. */
	struct sockaddr_in closed = loopback(0);
	int probe = socket(AF_INET, SOCK_STREAM, 0);
	bind(probe, (struct sockaddr *)&closed, sizeof closed);
	len = sizeof closed;
	getsockname(probe, (struct sockaddr *)&closed, &len);
	close(probe);
	int r = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in mine = loopback(0);
	bind(r, (struct sockaddr *)&mine, sizeof mine);
	connect(r, (struct sockaddr *)&closed, sizeof closed);
	int err;
	len = sizeof err;
	getsockopt(r, SOL_SOCKET, SO_ERROR, &err, &len);
	/* Refused without an explicit bind: the port it had is released. */
	int r2 = socket(AF_INET, SOCK_STREAM, 0);
	connect(r2, (struct sockaddr *)&closed, sizeof closed);
	getsockopt(r2, SOL_SOCKET, SO_ERROR, &err, &len);

	/* IPv6 UDP, and unix: an abstract stream listener with a client, a datagram pair. */
	struct sockaddr_in6 six = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	int u6 = socket(AF_INET6, SOCK_DGRAM, 0);
	bind(u6, (struct sockaddr *)&six, sizeof six);
	recvfrom(u6, (char[8]){ 0 }, 8, MSG_DONTWAIT, NULL, NULL);
	struct sockaddr_un un = { .sun_family = AF_UNIX, .sun_path = "\0nettrace-yy" };
	socklen_t unlen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 12);
	int ul = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(ul, (struct sockaddr *)&un, unlen);
	listen(ul, 1);
	int uc = socket(AF_UNIX, SOCK_STREAM, 0);
	connect(uc, (struct sockaddr *)&un, unlen);
	int us = accept4(ul, NULL, NULL, SOCK_CLOEXEC);
	sendto(uc, "u", 1, 0, NULL, 0);
	recvfrom(us, (char[8]){ 0 }, 8, 0, NULL, NULL);
	int sv[2];
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	sendto(sv[0], "d", 1, 0, NULL, 0);
	return 0;
}
