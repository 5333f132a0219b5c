/* IPv4 UDP on loopback: datagrams with and without addresses, scatter/gather and batches. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET }, b, from;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	b = a;
	socklen_t len = sizeof(a);
	char buf[128];

	int sa = socket(AF_INET, SOCK_DGRAM, 0);
	int sb = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP);
	bind(sa, (struct sockaddr *)&a, sizeof(a));
	bind(sb, (struct sockaddr *)&b, sizeof(b));
	getsockname(sa, (struct sockaddr *)&a, &len);
	len = sizeof(b);
	getsockname(sb, (struct sockaddr *)&b, &len);

	sendto(sa, "ping", 4, 0, (struct sockaddr *)&b, sizeof(b));
	len = sizeof(from);
	recvfrom(sb, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
	/* A datagram larger than the buffer: MSG_TRUNC in the flags and the full length returned. */
	sendto(sa, "0123456789abcdef", 16, 0, (struct sockaddr *)&b, sizeof(b));
	len = sizeof(from);
	recvfrom(sb, buf, 4, MSG_TRUNC, (struct sockaddr *)&from, &len);

	/* sendmsg with a destination and three iovecs; recvmsg scatters into two. */
	struct iovec out[3] = { { "one ", 4 }, { "two ", 4 }, { "three", 5 } };
	struct msghdr m = { .msg_name = &b, .msg_namelen = sizeof(b), .msg_iov = out, .msg_iovlen = 3 };
	sendmsg(sa, &m, 0);
	char p1[6], p2[32];
	struct iovec in[2] = { { p1, sizeof(p1) }, { p2, sizeof(p2) } };
	struct msghdr r = { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = in, .msg_iovlen = 2 };
	recvmsg(sb, &r, 0);
	/* Too small a buffer: the kernel sets MSG_TRUNC in msg_flags. */
	sendmsg(sa, &m, MSG_DONTWAIT);
	struct iovec tiny = { p1, 3 };
	struct msghdr rt = { .msg_iov = &tiny, .msg_iovlen = 1 };
	recvmsg(sb, &rt, 0);
	recvmsg(sb, &rt, MSG_DONTWAIT);

	/* A connected UDP socket: send/recv without addresses. */
	connect(sa, (struct sockaddr *)&b, sizeof(b));
	send(sa, "connected", 9, 0);
	recv(sb, buf, sizeof(buf), 0);

	/* Batches: three datagrams out in one sendmmsg, in with recvmmsg (timeout and without). */
	struct iovec v[3] = { { "alpha", 5 }, { "beta", 4 }, { "gamma", 5 } };
	struct mmsghdr mm[3];
	memset(mm, 0, sizeof(mm));
	for (int i = 0; i < 3; i++) {
		mm[i].msg_hdr.msg_iov = &v[i];
		mm[i].msg_hdr.msg_iovlen = 1;
	}
	sendmmsg(sa, mm, 3, 0);
	char rb[3][16];
	struct iovec rv[3];
	struct mmsghdr rm[3];
	memset(rm, 0, sizeof(rm));
	for (int i = 0; i < 3; i++) {
		rv[i] = (struct iovec){ rb[i], sizeof(rb[i]) };
		rm[i].msg_hdr.msg_iov = &rv[i];
		rm[i].msg_hdr.msg_iovlen = 1;
	}
	recvmmsg(sb, rm, 2, 0, NULL);
	struct timespec t = { .tv_sec = 5 };
	recvmmsg(sb, rm, 3, MSG_WAITFORONE, &t);
	recvmmsg(sb, rm, 3, MSG_DONTWAIT, NULL);
	sendmmsg(sa, mm, 0, 0);

	/* Unconnected send on a fresh socket: EDESTADDRREQ. */
	int sc = socket(AF_INET, SOCK_DGRAM, 0);
	send(sc, "x", 1, 0);
	return 0;
}
