#include "compat32.h"

#include <linux/net.h>
#include <stdint.h>
#include <sys/syscall.h>

enum { I386_SOCKETCALL = 102 };

const struct compat32_call compat32_calls[] = {
	{ 6, SYS_close }, { 41, SYS_dup }, { 63, SYS_dup2 }, { 330, SYS_dup3 },
	{ 55, SYS_fcntl }, { 221, SYS_fcntl }, /* fcntl64 */
	{ 187, SYS_sendfile }, { 239, SYS_sendfile }, /* sendfile64 */
	{ 188, SYS_getpmsg }, { 189, SYS_putpmsg },
	{ 359, SYS_socket }, { 360, SYS_socketpair }, { 361, SYS_bind }, { 362, SYS_connect },
	{ 363, SYS_listen }, { 364, SYS_accept4 }, { 365, SYS_getsockopt },
	{ 366, SYS_setsockopt }, { 367, SYS_getsockname }, { 368, SYS_getpeername },
	{ 369, SYS_sendto }, { 370, SYS_sendmsg }, { 371, SYS_recvfrom }, { 372, SYS_recvmsg },
	{ 373, SYS_shutdown }, { 337, SYS_recvmmsg }, { 417, SYS_recvmmsg }, /* recvmmsg_time64 */
	{ 345, SYS_sendmmsg },
	{ I386_SOCKETCALL, -1 }, /* unwrapped by compat32_translate */
};
const size_t compat32_calls_len = sizeof(compat32_calls) / sizeof(compat32_calls[0]);

/* socketcall subcalls: the x86_64 call and how many 32-bit arguments it reads. */
static const struct {
	long nr64;
	unsigned nargs;
} subcalls[] = {
	[SYS_SOCKET] = { SYS_socket, 3 },	[SYS_BIND] = { SYS_bind, 3 },
	[SYS_CONNECT] = { SYS_connect, 3 },	[SYS_LISTEN] = { SYS_listen, 2 },
	[SYS_ACCEPT] = { SYS_accept, 3 },	[SYS_GETSOCKNAME] = { SYS_getsockname, 3 },
	[SYS_GETPEERNAME] = { SYS_getpeername, 3 }, [SYS_SOCKETPAIR] = { SYS_socketpair, 4 },
	/* send and recv are sendto and recvfrom without an address */
	[SYS_SEND] = { SYS_sendto, 4 },		[SYS_RECV] = { SYS_recvfrom, 4 },
	[SYS_SENDTO] = { SYS_sendto, 6 },	[SYS_RECVFROM] = { SYS_recvfrom, 6 },
	[SYS_SHUTDOWN] = { SYS_shutdown, 2 },	[SYS_SETSOCKOPT] = { SYS_setsockopt, 5 },
	[SYS_GETSOCKOPT] = { SYS_getsockopt, 5 }, [SYS_SENDMSG] = { SYS_sendmsg, 3 },
	[SYS_RECVMSG] = { SYS_recvmsg, 3 },	[SYS_ACCEPT4] = { SYS_accept4, 4 },
	[SYS_RECVMMSG] = { SYS_recvmmsg, 5 },	[SYS_SENDMMSG] = { SYS_sendmmsg, 4 },
};

static bool unwrap_socketcall(struct syscall_call *c)
{
	unsigned long call = c->args[0];
	if (call == 0 || call >= sizeof(subcalls) / sizeof(subcalls[0]) || !subcalls[call].nr64)
		return false;
	uint32_t args[6] = { 0 };
	if (tracee_read(c->tid, c->args[1], args, subcalls[call].nargs * sizeof(args[0])) < 0)
		return false;
	c->nr = subcalls[call].nr64;
	for (int i = 0; i < 6; i++)
		c->args[i] = args[i];
	return true;
}

bool compat32_translate(struct syscall_call *c)
{
	c->compat32 = true;
	if (c->nr == I386_SOCKETCALL)
		return unwrap_socketcall(c);
	for (size_t i = 0; i < compat32_calls_len; i++) {
		if (compat32_calls[i].nr32 == c->nr) {
			c->nr = compat32_calls[i].nr64;
			return true;
		}
	}
	return false;
}
