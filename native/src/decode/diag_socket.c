#include "decode/diag_socket.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_NAMESPACES = 16 };

static struct {
	ino_t netns;
	int sock;
} known[MAX_NAMESPACES];
static int nknown;

static int open_diag_socket(void)
{
	return socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
}

/* A socket belongs to the namespace of the thread that created it: step in, create, step back. */
static int open_diag_socket_in(const char *ns_path)
{
	static int home = -2;
	if (home == -2)
		home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	int target = open(ns_path, O_RDONLY | O_CLOEXEC);
	if (target < 0 || home < 0) {
		if (target >= 0)
			close(target);
		return -1;
	}
	int sock = -1;
	if (setns(target, CLONE_NEWNET) == 0) {
		sock = open_diag_socket();
		if (setns(home, CLONE_NEWNET) != 0) {
			/* Stranded in the tracee's namespace: every later answer would be wrong. */
			perror("nettrace-ptrace: setns back to our network namespace");
			_exit(1);
		}
	}
	close(target);
	return sock;
}

int diag_socket_for(pid_t pid)
{
	char path[64];
	struct stat st, self;
	snprintf(path, sizeof path, "/proc/%d/ns/net", pid);
	if (stat(path, &st) != 0)
		return -1;
	for (int i = 0; i < nknown; i++)
		if (known[i].netns == st.st_ino)
			return known[i].sock;
	if (nknown == MAX_NAMESPACES)
		return -1;
	int sock;
	if (stat("/proc/self/ns/net", &self) == 0 && self.st_ino == st.st_ino)
		sock = open_diag_socket();
	else
		sock = open_diag_socket_in(path);
	if (sock < 0)
		return -1;
	known[nknown].netns = st.st_ino;
	known[nknown].sock = sock;
	nknown++;
	return sock;
}

int diag_exchange(int sock, const void *req, size_t len, int dump,
		  void (*on_msg)(const void *data, size_t len, void *ctx), void *ctx)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	ssize_t n;
	do
		n = sendto(sock, req, len, 0, (struct sockaddr *)&kernel, sizeof kernel);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	static uint64_t buf[8192 / sizeof(uint64_t)];
	for (;;) {
		do
			n = recv(sock, buf, sizeof buf, 0);
		while (n < 0 && errno == EINTR);
		if (n < 0)
			return -1;
		int left = (int)n;
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, left);
		     h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR)
				return -1;
			if (h->nlmsg_type == SOCK_DIAG_BY_FAMILY)
				on_msg(NLMSG_DATA(h), h->nlmsg_len - NLMSG_HDRLEN, ctx);
			if (!dump)
				return 0;
		}
	}
}
