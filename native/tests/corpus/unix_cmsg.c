/* Control messages over a unix socketpair: SCM_RIGHTS (one and two descriptors) and SCM_CREDENTIALS. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void send_with(int fd, int level, int type, const void *data, size_t datalen)
{
	char ctl[CMSG_SPACE(sizeof(struct ucred))];
	memset(ctl, 0, sizeof(ctl));
	struct iovec v = { "x", 1 };
	struct msghdr m = { .msg_iov = &v, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = CMSG_SPACE(datalen) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = level;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(datalen);
	memcpy(CMSG_DATA(c), data, datalen);
	sendmsg(fd, &m, 0);
}

static void receive(int fd, int flags)
{
	char ctl[256], byte;
	struct iovec v = { &byte, 1 };
	struct msghdr m = { .msg_iov = &v, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof(ctl) };
	recvmsg(fd, &m, flags);
}

int main(void)
{
	int sv[2];
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);

	int one_fd[1] = { 0 };
	send_with(sv[0], SOL_SOCKET, SCM_RIGHTS, one_fd, sizeof(one_fd));
	receive(sv[1], 0);
	int two_fds[2] = { 1, 2 };
	send_with(sv[0], SOL_SOCKET, SCM_RIGHTS, two_fds, sizeof(two_fds));
	receive(sv[1], MSG_CMSG_CLOEXEC);

	/* With SO_PASSCRED the receiver gets credentials even when the sender attaches none. */
	int on = 1;
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
	struct ucred me = { .pid = getpid(), .uid = getuid(), .gid = getgid() };
	send_with(sv[0], SOL_SOCKET, SCM_CREDENTIALS, &me, sizeof(me));
	receive(sv[1], 0);
	send(sv[0], "y", 1, 0);
	receive(sv[1], 0);

	/* A receive buffer too small for the control data: MSG_CTRUNC. */
	send_with(sv[0], SOL_SOCKET, SCM_RIGHTS, two_fds, sizeof(two_fds));
	char small[CMSG_SPACE(sizeof(int))], byte;
	struct iovec v = { &byte, 1 };
	struct msghdr m = { .msg_iov = &v, .msg_iovlen = 1, .msg_control = small, .msg_controllen = sizeof(small) };
	recvmsg(sv[1], &m, 0);

	/* A forged pid is refused (EPERM) unless it names an existing process we may speak for. */
	struct ucred forged = { .pid = 1, .uid = 65534, .gid = 65534 };
	send_with(sv[0], SOL_SOCKET, SCM_CREDENTIALS, &forged, sizeof(forged));
	return 0;
}
