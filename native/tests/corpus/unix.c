/* AF_UNIX: named (relative path, in the working directory), abstract and unnamed sockets. */
#define _GNU_SOURCE
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static socklen_t unix_addr(struct sockaddr_un *a, const char *name, size_t namelen)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path, name, namelen);
	return offsetof(struct sockaddr_un, sun_path) + namelen;
}

int main(void)
{
	struct sockaddr_un a, peer;
	socklen_t len, alen;
	char buf[64];

	/* Named stream socket. */
	unlink("corpus-unix.sock");
	alen = unix_addr(&a, "corpus-unix.sock", sizeof("corpus-unix.sock"));
	int lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(lfd, (struct sockaddr *)&a, alen);
	bind(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a, alen);
	listen(lfd, 2);
	int cfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	connect(cfd, (struct sockaddr *)&a, alen);
	len = sizeof(peer);
	int afd = accept(lfd, (struct sockaddr *)&peer, &len);
	len = sizeof(peer);
	getsockname(afd, (struct sockaddr *)&peer, &len);
	len = sizeof(peer);
	getpeername(cfd, (struct sockaddr *)&peer, &len);
	len = sizeof(peer);
	getsockname(cfd, (struct sockaddr *)&peer, &len);
	send(cfd, "over a path", 11, 0);
	recv(afd, buf, sizeof(buf), 0);
	unlink("corpus-unix.sock");

	/* Abstract datagram sockets: the name starts with a NUL byte and is not NUL-terminated. */
	struct sockaddr_un b;
	alen = unix_addr(&a, "\0nettrace-corpus-a", 18);
	socklen_t blen = unix_addr(&b, "\0nettrace-corpus-b\0tail", 23);
	int da = socket(AF_UNIX, SOCK_DGRAM, 0);
	int db = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	bind(da, (struct sockaddr *)&a, alen);
	bind(db, (struct sockaddr *)&b, blen);
	sendto(da, "abstract", 8, 0, (struct sockaddr *)&b, blen);
	len = sizeof(peer);
	recvfrom(db, buf, sizeof(buf), 0, (struct sockaddr *)&peer, &len);
	len = sizeof(peer);
	getsockname(db, (struct sockaddr *)&peer, &len);
	recvfrom(db, buf, sizeof(buf), 0, (struct sockaddr *)&peer, &len);

	/* Unnamed: a socketpair, and a path that does not exist. */
	int sv[2];
	socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv);
	len = sizeof(peer);
	getsockname(sv[0], (struct sockaddr *)&peer, &len);
	len = sizeof(peer);
	getpeername(sv[1], (struct sockaddr *)&peer, &len);
	send(sv[0], "record", 6, MSG_EOR);
	recv(sv[1], buf, 2, 0);
	socketpair(AF_INET, SOCK_STREAM, 0, sv);
	alen = unix_addr(&a, "no-such-dir/sock", sizeof("no-such-dir/sock"));
	connect(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a, alen);
	/* A path that fills sun_path with no terminating NUL. */
	memset(a.sun_path, 'x', sizeof(a.sun_path));
	connect(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a, sizeof(a));
	return 0;
}
