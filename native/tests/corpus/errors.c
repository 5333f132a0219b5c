/* The failure paths of every call: bad descriptors, non-sockets, bad pointers, bad arguments. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BAD_POINTER ((void *)0xdead0000)

int main(void)
{
	char buf[8];
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(1), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sin);

	/* EBADF */
	bind(99, (struct sockaddr *)&sin, sizeof(sin));
	listen(-1, 1);
	accept(99, NULL, NULL);
	connect(99, (struct sockaddr *)&sin, sizeof(sin));
	sendto(99, "x", 1, 0, NULL, 0);
	shutdown(99, SHUT_RD);

	/* ENOTSOCK on a regular descriptor */
	int file = open("/dev/null", O_RDWR);
	getsockname(file, (struct sockaddr *)&sin, &len);
	getpeername(file, (struct sockaddr *)&sin, &len);
	recvfrom(file, buf, sizeof(buf), 0, NULL, NULL);
	setsockopt(file, SOL_SOCKET, SO_REUSEADDR, &len, sizeof(len));

	/* Families, types and protocols the kernel refuses */
	socket(12345, SOCK_STREAM, 0);
	socket(AF_INET, SOCK_STREAM, IPPROTO_UDP);
	socket(AF_INET, 77, 0);
	socket(AF_INET6, SOCK_DGRAM | 0x40000000, 0);

	int s = socket(AF_INET, SOCK_STREAM, 0);
	int d = socket(AF_INET, SOCK_DGRAM, 0);
	/* EINVAL: addrlen too short, accept without listen, shutdown how out of range */
	bind(s, (struct sockaddr *)&sin, 4);
	accept(s, NULL, NULL);
	shutdown(s, 7);
	listen(d, 1);
	accept4(s, NULL, NULL, 0x1234);
	/* ENOTCONN */
	getpeername(s, (struct sockaddr *)&sin, &len);
	send(s, "x", 1, MSG_NOSIGNAL);
	shutdown(s, SHUT_WR);
	/* EFAULT on bad pointers: address, buffer, length */
	connect(s, BAD_POINTER, sizeof(sin));
	sendto(d, BAD_POINTER, 4, 0, (struct sockaddr *)&sin, sizeof(sin));
	getsockname(s, (struct sockaddr *)&sin, BAD_POINTER);
	sendmsg(d, BAD_POINTER, 0);
	recvmsg(d, BAD_POINTER, MSG_DONTWAIT);
	sendmmsg(d, BAD_POINTER, 2, 0);
	recvmmsg(d, BAD_POINTER, 2, MSG_DONTWAIT, NULL);
	socketpair(AF_UNIX, SOCK_STREAM, 0, BAD_POINTER);
	/* Unknown address family in a sockaddr, and a zero length */
	struct sockaddr odd = { .sa_family = 200, .sa_data = "\1\2\3abc" };
	connect(s, &odd, sizeof(odd));
	connect(s, (struct sockaddr *)&sin, 0);
	/* sendfile with a socket as its source */
	sendfile(file, s, NULL, 4);
	/* Flags strace does not know, mixed with ones it does */
	sendto(d, "x", 1, MSG_DONTWAIT | 0x10000000, (struct sockaddr *)&sin, sizeof(sin));
	/* getpmsg and putpmsg exist in the table but not in the kernel: ENOSYS */
	syscall(SYS_getpmsg, 3, 0, 0, 0, 0);
	syscall(SYS_putpmsg, 1, 2, 3, 4, 5);
	return 0;
}
