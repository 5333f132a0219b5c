/* The decoded calls by x86_64 number: strace's network class, and the descriptor calls. */
#include "decode/decoders.h"

/* Calls that strace prints completely at entry: the core takes ret and errno from c->ret. */
static void nothing_at_exit(struct syscall_call *c, struct strbuf *out)
{
	(void)out;
	(void)c;
}

#define NET(nr, name, entry, exit) { nr, #name, SC_NETWORK, entry, exit }
#define FDC(nr, name, entry, exit) { nr, #name, SC_FDCLOSE, entry, exit }

const struct syscall_desc syscall_table[] = {
	FDC(3, close, decode_close_entry, nothing_at_exit),
	FDC(32, dup, decode_dup_entry, decode_dup_exit),
	FDC(33, dup2, decode_dup2_entry, decode_dup_exit),
	NET(40, sendfile, decode_sendfile_entry, decode_sendfile_exit),
	NET(41, socket, decode_socket_entry, decode_socket_exit),
	NET(42, connect, decode_connect_entry, nothing_at_exit),
	NET(43, accept, decode_accept_entry, decode_accept_exit),
	NET(44, sendto, decode_sendto_entry, decode_sendto_exit),
	NET(45, recvfrom, decode_recvfrom_entry, decode_recvfrom_exit),
	NET(46, sendmsg, decode_sendmsg_entry, decode_sendmsg_exit),
	NET(47, recvmsg, decode_recvmsg_entry, decode_recvmsg_exit),
	NET(48, shutdown, decode_shutdown_entry, nothing_at_exit),
	NET(49, bind, decode_bind_entry, nothing_at_exit),
	NET(50, listen, decode_listen_entry, nothing_at_exit),
	NET(51, getsockname, decode_getsockname_entry, decode_getsockname_exit),
	NET(52, getpeername, decode_getpeername_entry, decode_getpeername_exit),
	NET(53, socketpair, decode_socketpair_entry, decode_socketpair_exit),
	NET(54, setsockopt, decode_setsockopt_entry, nothing_at_exit),
	NET(55, getsockopt, decode_getsockopt_entry, decode_getsockopt_exit),
	FDC(72, fcntl, decode_fcntl_entry, decode_dup_exit),
	NET(181, getpmsg, decode_rawargs_entry, nothing_at_exit),
	NET(182, putpmsg, decode_rawargs_entry, nothing_at_exit),
	NET(288, accept4, decode_accept4_entry, decode_accept4_exit),
	FDC(292, dup3, decode_dup3_entry, decode_dup_exit),
	NET(299, recvmmsg, decode_recvmmsg_entry, decode_recvmmsg_exit),
	NET(307, sendmmsg, decode_sendmmsg_entry, decode_sendmmsg_exit),
};
const size_t syscall_table_len = sizeof syscall_table / sizeof syscall_table[0];

const struct syscall_desc *syscall_find(long nr)
{
	/* The table is sorted by number. */
	size_t lo = 0, hi = syscall_table_len;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (syscall_table[mid].nr == nr)
			return &syscall_table[mid];
		if (syscall_table[mid].nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void decode_discard(struct syscall_call *c)
{
	if (c->nr == 299)
		decode_recvmmsg_discard(c);
}
