/* Buffers longer than -s, binary bytes, and the escapes strace uses, in every call that prints data. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(void)
{
	unsigned char all[256];
	for (int i = 0; i < 256; i++) all[i] = (unsigned char)i;
	const char *text = "The quick brown fox jumps over the lazy dog, twice: the quick brown fox.";
	char buf[512];
	int sv[2];
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);

	send(sv[0], text, strlen(text), 0);
	recv(sv[1], buf, sizeof(buf), 0);
	send(sv[0], all, sizeof(all), 0);
	recv(sv[1], buf, sizeof(buf), 0);
	/* Exactly 32 bytes, 31 and 33: the edges of the default -s. */
	send(sv[0], text, 32, 0);
	send(sv[0], text, 31, 0);
	send(sv[0], text, 33, 0);
	/* A buffer ending in NUL bytes and one with embedded escapes. */
	send(sv[0], "abc\0\0\0", 6, 0);
	send(sv[0], "\a\b\t\n\v\f\r\033\"\\?'\x7f\x80", 14, 0);
	/* An empty buffer and a read into a buffer shorter than what arrived. */
	send(sv[0], "", 0, 0);
	recv(sv[1], buf, 5, 0);
	/* Vectors: -s also bounds what strace prints of each iovec in msghdr. */
	struct iovec v[3] = { { (void *)text, 40 }, { all, 20 }, { all + 200, 56 } };
	struct msghdr m = { .msg_iov = v, .msg_iovlen = 3 };
	sendmsg(sv[0], &m, 0);
	struct iovec in[2] = { { buf, 10 }, { buf + 10, 200 } };
	struct msghdr r = { .msg_iov = in, .msg_iovlen = 2 };
	recvmsg(sv[1], &r, 0);
	recvmsg(sv[1], &r, 0);
	/* A long abstract unix name is printed in full, whatever -s says. */
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	memcpy(a.sun_path, "\0a-rather-long-abstract-socket-name-beyond-thirty-two", 53);
	bind(socket(AF_UNIX, SOCK_DGRAM, 0), (struct sockaddr *)&a, sizeof(sa_family_t) + 53);
	return 0;
}
