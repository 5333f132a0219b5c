/* The decoded calls by x86_64 number: strace's network class, and the descriptor calls. */
#include "decode/decoders.h"

/* Calls that strace prints completely at entry: the core takes ret and errno from c->ret. */
static void nothing_at_exit(struct syscall_call *c, struct strbuf *out)
{
	(void)out;
	(void)c;
}

#define NET SC_NETWORK
#define FDC SC_FDCLOSE
/* Printed completely at entry: strace's RVAL_DECODED at entry. */
#define DONE SC_DONE_AT_ENTRY
#define CALL(nr, name, flags, entry, exit) { nr, #name, flags, entry, exit }

const struct syscall_desc syscall_table[] = {
	CALL(3, close, FDC | DONE, decode_close_entry, nothing_at_exit),
	CALL(32, dup, FDC | DONE, decode_dup_entry, decode_dup_exit),
	CALL(33, dup2, FDC | DONE, decode_dup2_entry, decode_dup_exit),
	CALL(40, sendfile, NET, decode_sendfile_entry, decode_sendfile_exit),
	CALL(41, socket, NET | DONE, decode_socket_entry, decode_socket_exit),
	CALL(42, connect, NET | DONE, decode_connect_entry, nothing_at_exit),
	CALL(43, accept, NET, decode_accept_entry, decode_accept_exit),
	CALL(44, sendto, NET | DONE, decode_sendto_entry, decode_sendto_exit),
	CALL(45, recvfrom, NET, decode_recvfrom_entry, decode_recvfrom_exit),
	CALL(46, sendmsg, NET | DONE, decode_sendmsg_entry, decode_sendmsg_exit),
	CALL(47, recvmsg, NET, decode_recvmsg_entry, decode_recvmsg_exit),
	CALL(48, shutdown, NET | DONE, decode_shutdown_entry, nothing_at_exit),
	CALL(49, bind, NET | DONE, decode_bind_entry, nothing_at_exit),
	CALL(50, listen, NET | DONE, decode_listen_entry, nothing_at_exit),
	CALL(51, getsockname, NET, decode_getsockname_entry, decode_getsockname_exit),
	CALL(52, getpeername, NET, decode_getpeername_entry, decode_getpeername_exit),
	CALL(53, socketpair, NET, decode_socketpair_entry, decode_socketpair_exit),
	CALL(54, setsockopt, NET | DONE, decode_setsockopt_entry, nothing_at_exit),
	CALL(55, getsockopt, NET, decode_getsockopt_entry, decode_getsockopt_exit),
	CALL(72, fcntl, FDC | DONE, decode_fcntl_entry, decode_dup_exit),
	CALL(181, getpmsg, NET | DONE, decode_rawargs_entry, nothing_at_exit),
	CALL(182, putpmsg, NET | DONE, decode_rawargs_entry, nothing_at_exit),
	CALL(288, accept4, NET, decode_accept4_entry, decode_accept4_exit),
	CALL(292, dup3, FDC | DONE, decode_dup3_entry, decode_dup_exit),
	CALL(299, recvmmsg, NET, decode_recvmmsg_entry, decode_recvmmsg_exit),
	CALL(307, sendmmsg, NET, decode_sendmmsg_entry, decode_sendmmsg_exit),
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

bool decode_done_at_entry(const struct syscall_call *c, const struct syscall_desc *d)
{
	return (d->flags & SC_DONE_AT_ENTRY) || c->entry_complete;
}
