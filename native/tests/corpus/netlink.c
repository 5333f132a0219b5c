/* AF_NETLINK (NETLINK_ROUTE): bind with and without a port id and groups, getsockname. */
#define _GNU_SOURCE
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	struct sockaddr_nl a = { .nl_family = AF_NETLINK };
	socklen_t len = sizeof(a);
	/* Port id 0: the kernel assigns one (the pid, for a process's first netlink socket). */
	int n = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	bind(n, (struct sockaddr *)&a, sizeof(a));
	getsockname(n, (struct sockaddr *)&a, &len);
	/* An explicit port id and multicast groups. */
	struct sockaddr_nl g = { .nl_family = AF_NETLINK, .nl_pid = 0x7fff0001, .nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR };
	int m = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_ROUTE);
	bind(m, (struct sockaddr *)&g, sizeof(g));
	len = sizeof(g);
	getsockname(m, (struct sockaddr *)&g, &len);
	/* Other netlink protocols by name. */
	socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);
	socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	socket(AF_NETLINK, SOCK_RAW, 31);
	return 0;
}
