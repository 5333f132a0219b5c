/* The event-model side of decoding: what --format json reports for a call. */
#include "decode/event.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "decode/decoders.h"
#include "decode/print.h"

void ev_begin(struct syscall_call *c, const char *op)
{
	struct net_event *ev = &c->ev;
	ev->op = op;
	ev->fd = (int)c->args[0];
	ev->new_fd = -1;
	ev->family = ev->type = ev->protocol = -1;
	ev->local[0] = ev->remote[0] = '\0';
	ev->bytes = -1;
	c->entry_complete = false;
}

void ev_bytes_from_ret(struct syscall_call *c)
{
	if (!call_failed(c))
		c->ev.bytes = c->ret;
}

/* The inode of the socket at descriptor fd of thread tid; 0 when it is not a socket. */
static unsigned long long socket_inode(pid_t tid, int fd)
{
	char path[64], target[64];
	snprintf(path, sizeof path, "/proc/%d/fd/%d", tid, fd);
	ssize_t n = readlink(path, target, sizeof target - 1);
	if (n <= 0)
		return 0;
	target[n] = '\0';
	unsigned long long inode;
	return sscanf(target, "socket:[%llu]", &inode) == 1 ? inode : 0;
}

/* An inet endpoint ("1.2.3.4:53", "[::1]:53") on port 53; unix paths never are. */
static bool is_dns_endpoint(const char *endpoint)
{
	if (!isdigit((unsigned char)endpoint[0]) && endpoint[0] != '[')
		return false;
	const char *colon = strrchr(endpoint, ':');
	return colon && !strcmp(colon + 1, "53");
}

/*
 * Descriptors that were connected or sent to port 53, so that a reply read without an address
 * (a connected UDP socket) is still known as DNS. The inode guards against a descriptor number
 * reused after an untraced close; the oldest entry gives way when the table is full.
 */
struct dns_fd {
	pid_t pid;
	int fd;
	unsigned long long inode;
};
static struct dns_fd dns_fds[64];
static size_t dns_fds_next;
static bool dns_fds_used;

static struct dns_fd *dns_fd_find(pid_t pid, int fd)
{
	/* Most traces never talk to port 53: their sends and receives skip the scan. */
	if (!dns_fds_used)
		return NULL;
	for (size_t i = 0; i < sizeof dns_fds / sizeof dns_fds[0]; i++)
		if (dns_fds[i].inode && dns_fds[i].pid == pid && dns_fds[i].fd == fd)
			return &dns_fds[i];
	return NULL;
}

static void dns_fd_remember(const struct syscall_call *c)
{
	unsigned long long inode = socket_inode(c->tid, c->ev.fd);
	if (!inode)
		return;
	struct dns_fd *slot = dns_fd_find(c->pid, c->ev.fd);
	if (!slot) {
		slot = &dns_fds[dns_fds_next];
		dns_fds_next = (dns_fds_next + 1) % (sizeof dns_fds / sizeof dns_fds[0]);
	}
	*slot = (struct dns_fd){ c->pid, c->ev.fd, inode };
	dns_fds_used = true;
}

void ev_finish(struct syscall_call *c)
{
	struct net_event *ev = &c->ev;
	if (!ev->for_json || (call_failed(c) && c->ret != -EINPROGRESS))
		return;
	switch (c->nr) {
	case SYS_socket:
	case SYS_accept:
	case SYS_accept4:
		ev->inode = socket_inode(c->tid, ev->new_fd);
		break;
	case SYS_socketpair:
		ev->inode = socket_inode(c->tid, ev->fd);
		ev->new_inode = socket_inode(c->tid, ev->new_fd);
		break;
	case SYS_connect:
	case SYS_sendto:
	case SYS_sendmsg:
		if (is_dns_endpoint(ev->remote))
			dns_fd_remember(c);
		break;
	}
}

bool ev_wants_data(struct syscall_call *c)
{
	if (!c->ev.for_json || call_failed(c) || c->ret <= 0)
		return false;
	if (c->ev.remote[0])
		return is_dns_endpoint(c->ev.remote);
	const struct dns_fd *known = dns_fd_find(c->pid, c->ev.fd);
	return known && known->inode == socket_inode(c->tid, c->ev.fd);
}

static unsigned char payload[EV_DATA_MAX];

/* How many payload bytes to report: what the call moved, at most EV_DATA_MAX. */
static size_t payload_len(const struct syscall_call *c)
{
	return (unsigned long)c->ret < EV_DATA_MAX ? (size_t)c->ret : EV_DATA_MAX;
}

void ev_data_from_buffer(struct syscall_call *c, unsigned long addr, unsigned long size)
{
	size_t n = payload_len(c);
	if (n > size)
		n = size;
	if (tracee_read(c->tid, addr, payload, n) < 0)
		return;
	c->ev.data = payload;
	c->ev.data_len = n;
}

void ev_data_from_iovecs(struct syscall_call *c, unsigned long iov, unsigned long iovlen)
{
	size_t want = payload_len(c), got = 0;
	size_t elem = c->compat32 ? 8 : 16;
	for (unsigned long i = 0; i < iovlen && got < want; i++) {
		unsigned long base, len;
		if (c->compat32) {
			uint32_t w[2];
			if (tracee_read(c->tid, iov + i * elem, w, sizeof w) < 0)
				return;
			base = w[0];
			len = w[1];
		} else {
			unsigned long w[2];
			if (tracee_read(c->tid, iov + i * elem, w, sizeof w) < 0)
				return;
			base = w[0];
			len = w[1];
		}
		size_t n = len < want - got ? len : want - got;
		if (n && tracee_read(c->tid, base, payload + got, n) < 0)
			return;
		got += n;
	}
	c->ev.data = payload;
	c->ev.data_len = got;
}

void ev_optval(struct syscall_call *c, bool at_exit, unsigned long addr, int len)
{
	int v;
	if (!c->ev.for_json || len != (int)sizeof v || !fetch(c, at_exit, addr, &v, sizeof v))
		return;
	c->ev.has_optval = true;
	c->ev.optval = v;
	if (c->args[1] == SOL_SOCKET && c->args[2] == SO_ERROR && v)
		c->ev.optval_errno = errno_name((unsigned)v);
}
