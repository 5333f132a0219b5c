/* setsockopt/getsockopt at SOL_SOCKET, SOL_TCP, SOL_IP and SOL_IPV6: ints, structures, strings, errors. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static void int_opt(int fd, int level, int name, int value)
{
	int got = -1;
	socklen_t len = sizeof(got);
	setsockopt(fd, level, name, &value, sizeof(value));
	getsockopt(fd, level, name, &got, &len);
}

int main(void)
{
	int t = socket(AF_INET, SOCK_STREAM, 0);
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	int t6 = socket(AF_INET6, SOCK_STREAM, 0);
	int u6 = socket(AF_INET6, SOCK_DGRAM, 0);
	socklen_t len;

	/* SOL_SOCKET */
	int_opt(t, SOL_SOCKET, SO_REUSEADDR, 1);
	int_opt(t, SOL_SOCKET, SO_REUSEPORT, 1);
	int_opt(t, SOL_SOCKET, SO_KEEPALIVE, 1);
	int_opt(t, SOL_SOCKET, SO_SNDBUF, 65536);
	int_opt(t, SOL_SOCKET, SO_RCVBUF, 32768);
	int_opt(t, SOL_SOCKET, SO_OOBINLINE, 1);
	int_opt(t, SOL_SOCKET, SO_PRIORITY, 3);
	int_opt(t, SOL_SOCKET, SO_RCVLOWAT, 2);
	int_opt(u, SOL_SOCKET, SO_BROADCAST, 1);
	int_opt(u, SOL_SOCKET, SO_TIMESTAMP, 1);
	int type = 0, domain = 0, proto = 0, acc = 0;
	len = sizeof(int);
	getsockopt(u, SOL_SOCKET, SO_TYPE, &type, &len);
	getsockopt(t6, SOL_SOCKET, SO_DOMAIN, &domain, &len);
	getsockopt(u6, SOL_SOCKET, SO_PROTOCOL, &proto, &len);
	getsockopt(t, SOL_SOCKET, SO_ACCEPTCONN, &acc, &len);
	struct linger lg = { .l_onoff = 1, .l_linger = 5 };
	setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	len = sizeof(lg);
	getsockopt(t, SOL_SOCKET, SO_LINGER, &lg, &len);
	struct timeval tv = { .tv_sec = 2, .tv_usec = 500000 };
	setsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(t, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	len = sizeof(tv);
	getsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, &len);
	setsockopt(t, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
	char dev[IFNAMSIZ] = "";
	len = sizeof(dev);
	getsockopt(t, SOL_SOCKET, SO_BINDTODEVICE, dev, &len);
	/* A byte instead of an int: strace prints the raw bytes. */
	char byte = 1;
	setsockopt(t, SOL_SOCKET, SO_KEEPALIVE, &byte, 1);

	/* SOL_TCP */
	int_opt(t, SOL_TCP, TCP_NODELAY, 1);
	int_opt(t, SOL_TCP, TCP_MAXSEG, 1200);
	int_opt(t, SOL_TCP, TCP_KEEPIDLE, 30);
	int_opt(t, SOL_TCP, TCP_KEEPINTVL, 5);
	int_opt(t, SOL_TCP, TCP_KEEPCNT, 4);
	int_opt(t, SOL_TCP, TCP_USER_TIMEOUT, 10000);
	int_opt(t, SOL_TCP, TCP_QUICKACK, 1);
	int_opt(t, SOL_TCP, TCP_CORK, 0);
	int_opt(t, SOL_TCP, TCP_DEFER_ACCEPT, 3);
	int_opt(t, SOL_TCP, TCP_FASTOPEN, 5);
	setsockopt(t, SOL_TCP, TCP_CONGESTION, "reno", 4);
	setsockopt(t, SOL_TCP, TCP_CONGESTION, "cubic", 5);
	char cc[16] = "";
	len = sizeof(cc);
	getsockopt(t, SOL_TCP, TCP_CONGESTION, cc, &len);
	setsockopt(t, SOL_TCP, TCP_CONGESTION, "no-such-cc", 10);

	/* SOL_IP */
	int_opt(u, SOL_IP, IP_TOS, IPTOS_LOWDELAY);
	int_opt(u, SOL_IP, IP_TTL, 17);
	int_opt(u, SOL_IP, IP_RECVERR, 1);
	int_opt(u, SOL_IP, IP_PKTINFO, 1);
	int_opt(u, SOL_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO);
	int_opt(u, SOL_IP, IP_MULTICAST_TTL, 2);
	int_opt(u, SOL_IP, IP_MULTICAST_LOOP, 0);
	int_opt(u, SOL_IP, IP_FREEBIND, 1);
	struct ip_mreq mreq = { .imr_interface.s_addr = htonl(INADDR_LOOPBACK) };
	inet_pton(AF_INET, "239.1.2.3", &mreq.imr_multiaddr);
	setsockopt(u, SOL_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(mreq));
	setsockopt(u, SOL_IP, IP_DROP_MEMBERSHIP, &mreq, sizeof(mreq));
	struct in_addr ifaddr = { htonl(INADDR_LOOPBACK) };
	setsockopt(u, SOL_IP, IP_MULTICAST_IF, &ifaddr, sizeof(ifaddr));

	/* SOL_IPV6 */
	int_opt(t6, SOL_IPV6, IPV6_V6ONLY, 1);
	int_opt(u6, SOL_IPV6, IPV6_UNICAST_HOPS, 9);
	int_opt(u6, SOL_IPV6, IPV6_MULTICAST_HOPS, 3);
	int_opt(u6, SOL_IPV6, IPV6_MULTICAST_LOOP, 1);
	int_opt(u6, SOL_IPV6, IPV6_RECVPKTINFO, 1);
	int_opt(u6, SOL_IPV6, IPV6_TCLASS, 0x28);
	int_opt(u6, SOL_IPV6, IPV6_RECVERR, 1);
	struct ipv6_mreq m6 = { .ipv6mr_interface = 1 };
	inet_pton(AF_INET6, "ff02::1:3", &m6.ipv6mr_multiaddr);
	setsockopt(u6, SOL_IPV6, IPV6_ADD_MEMBERSHIP, &m6, sizeof(m6));
	setsockopt(u6, SOL_IPV6, IPV6_DROP_MEMBERSHIP, &m6, sizeof(m6));

	/* Errors: unknown option, short length, bad pointer, wrong level for the socket. */
	int v = 1;
	setsockopt(t, SOL_SOCKET, 12345, &v, sizeof(v));
	setsockopt(t, SOL_TCP, TCP_NODELAY, &v, 2);
	setsockopt(t, SOL_SOCKET, SO_REUSEADDR, (void *)8, sizeof(v));
	len = sizeof(v);
	getsockopt(t, SOL_SOCKET, SO_REUSEADDR, (void *)8, &len);
	getsockopt(t, SOL_SOCKET, SO_REUSEADDR, &v, (socklen_t *)8);
	setsockopt(u, SOL_TCP, TCP_NODELAY, &v, sizeof(v));
	setsockopt(t, 9999, 1, &v, sizeof(v));
	len = 0;
	getsockopt(t, SOL_SOCKET, SO_TYPE, &v, &len);
	return 0;
}
