/* IPv6 on ::1: TCP and UDP, flow labels, scope ids, v4-mapped addresses and IPV6_V6ONLY. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	struct sockaddr_in6 srv = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT }, peer;
	socklen_t len = sizeof(srv);
	int off = 0;

	int lfd = socket(AF_INET6, SOCK_STREAM, 0);
	setsockopt(lfd, SOL_IPV6, IPV6_V6ONLY, &off, sizeof(off));
	bind(lfd, (struct sockaddr *)&srv, sizeof(srv));
	listen(lfd, 4);
	getsockname(lfd, (struct sockaddr *)&srv, &len);

	int cfd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
	connect(cfd, (struct sockaddr *)&srv, sizeof(srv));
	len = sizeof(peer);
	int afd = accept4(lfd, (struct sockaddr *)&peer, &len, SOCK_NONBLOCK);
	len = sizeof(peer);
	getpeername(afd, (struct sockaddr *)&peer, &len);
	char buf[32];
	send(cfd, "six", 3, 0);
	recv(afd, buf, sizeof(buf), 0);

	/* IPv4 through an IPv6 socket: a listener on the v4-mapped loopback address. */
	struct sockaddr_in6 mapped = { .sin6_family = AF_INET6 };
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &mapped.sin6_addr);
	int mlfd = socket(AF_INET6, SOCK_STREAM, 0);
	bind(mlfd, (struct sockaddr *)&mapped, sizeof(mapped));
	listen(mlfd, 1);
	len = sizeof(mapped);
	getsockname(mlfd, (struct sockaddr *)&mapped, &len);
	int mfd = socket(AF_INET6, SOCK_STREAM, 0);
	connect(mfd, (struct sockaddr *)&mapped, sizeof(mapped));
	len = sizeof(peer);
	accept(mlfd, (struct sockaddr *)&peer, &len);

	/* UDP with a flow label and a scope id: link-local to lo, then ::1 with sin6_flowinfo. */
	int u = socket(AF_INET6, SOCK_DGRAM, 0);
	struct sockaddr_in6 ub = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	bind(u, (struct sockaddr *)&ub, sizeof(ub));
	len = sizeof(ub);
	getsockname(u, (struct sockaddr *)&ub, &len);
	struct sockaddr_in6 flow = ub;
	flow.sin6_flowinfo = htonl(0x12345);
	int s = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
	sendto(s, "flow", 4, 0, (struct sockaddr *)&flow, sizeof(flow));
	struct sockaddr_in6 from;
	len = sizeof(from);
	recvfrom(u, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
	struct sockaddr_in6 ll = { .sin6_family = AF_INET6, .sin6_port = htons(9), .sin6_scope_id = if_nametoindex("lo") };
	inet_pton(AF_INET6, "fe80::1", &ll.sin6_addr);
	connect(s, (struct sockaddr *)&ll, sizeof(ll));
	ll.sin6_scope_id = 0;
	connect(s, (struct sockaddr *)&ll, sizeof(ll));
	/* A short sockaddr_in6 (the old 24-byte RFC 2133 form, without the scope id). */
	struct sockaddr_in6 discard = { .sin6_family = AF_INET6, .sin6_port = htons(9), .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	connect(s, (struct sockaddr *)&discard, 24);
	connect(s, (struct sockaddr *)&discard, 20);
	return 0;
}
