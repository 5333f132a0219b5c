/* IPv4 TCP on loopback: the whole life of a connection, with the error paths a client meets. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <poll.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in loopback(unsigned short port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

int main(void)
{
	struct sockaddr_in srv = loopback(0), peer;
	socklen_t len = sizeof(srv);
	int one = 1;

	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	bind(lfd, (struct sockaddr *)&srv, sizeof(srv));
	listen(lfd, 8);
	getsockname(lfd, (struct sockaddr *)&srv, &len);

	/* A listener with nothing pending: accept4 on a non-blocking socket says EAGAIN. */
	int nlfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
	struct sockaddr_in any = loopback(0);
	bind(nlfd, (struct sockaddr *)&any, sizeof(any));
	listen(nlfd, 1);
	accept4(nlfd, NULL, NULL, SOCK_CLOEXEC);

	int cfd = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	connect(cfd, (struct sockaddr *)&srv, sizeof(srv));
	len = sizeof(peer);
	int afd = accept(lfd, (struct sockaddr *)&peer, &len);
	len = sizeof(peer);
	getpeername(cfd, (struct sockaddr *)&peer, &len);
	len = sizeof(peer);
	getsockname(afd, (struct sockaddr *)&peer, &len);

	char buf[64];
	send(cfd, "hello\n", 6, 0);
	recv(afd, buf, sizeof(buf), MSG_PEEK);
	recvfrom(afd, buf, sizeof(buf), 0, (struct sockaddr *)&peer, &len);
	recv(afd, buf, sizeof(buf), MSG_DONTWAIT);
	sendto(afd, "bye\tnow\r\n\"quoted\" \\ \001\377", 22, MSG_NOSIGNAL, NULL, 0);
	recv(cfd, buf, 3, MSG_WAITALL);
	recv(cfd, buf, sizeof(buf), 0);

	/* sendfile from a regular file into the socket. */
	char path[] = "/tmp/nettrace-corpus-XXXXXX";
	int file = mkstemp(path);
	unlink(path);
	write(file, "from a file, through the kernel\n", 32);
	off_t off = 5;
	sendfile(afd, file, &off, 10);
	sendfile(afd, file, NULL, 10);
	recv(cfd, buf, sizeof(buf), 0);

	shutdown(afd, SHUT_WR);
	recv(cfd, buf, sizeof(buf), 0);
	shutdown(cfd, SHUT_RDWR);
	send(cfd, "late", 4, MSG_NOSIGNAL);

	/* Nobody listens on a port that was just released: ECONNREFUSED. */
	int gone = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in freed = loopback(0);
	bind(gone, (struct sockaddr *)&freed, sizeof(freed));
	len = sizeof(freed);
	getsockname(gone, (struct sockaddr *)&freed, &len);
	close(gone);
	int rfd = socket(AF_INET, SOCK_STREAM, 0);
	connect(rfd, (struct sockaddr *)&freed, sizeof(freed));

	/* A non-blocking connect returns EINPROGRESS; the outcome is read with SO_ERROR. */
	int nb = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	connect(nb, (struct sockaddr *)&srv, sizeof(srv));
	struct pollfd pfd = { .fd = nb, .events = POLLOUT };
	poll(&pfd, 1, 5000);
	int err = -1;
	len = sizeof(err);
	getsockopt(nb, SOL_SOCKET, SO_ERROR, &err, &len);
	return err == 0 ? 0 : 1;
}
