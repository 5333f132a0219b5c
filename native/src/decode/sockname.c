/*
 * accept, accept4, getsockname, getpeername: an address buffer with a value-result length.
 * strace defers the address to the exit when it could read the length at entry; otherwise it
 * prints both pointers at entry and has nothing left for the exit.
 */
#include "decode/decoders.h"
#include "decode/print.h"
#include "decode/sockaddr.h"
#include "decode/xlat.h"

enum { SAVED_ULEN, SAVED_DEFERRED };

static void sockname_entry(struct syscall_call *c, struct strbuf *out, const char *op)
{
	ev_begin(c, op);
	print_fd(c, out, c->args[0]);
	sb_puts(out, ", ");
	int ulen;
	if (c->args[1] && fetch(c, false, c->args[2], &ulen, sizeof ulen)) {
		c->saved[SAVED_ULEN] = (unsigned)ulen;
		c->saved[SAVED_DEFERRED] = 1;
		return;
	}
	c->saved[SAVED_DEFERRED] = 0;
	c->entry_complete = true;
	print_addr(out, c->args[1]);
	sb_puts(out, ", ");
	print_addr(out, c->args[2]);
}

/* Prints the address and "[ulen => rlen]"; returns false when the entry had printed them. */
static bool sockname_exit(struct syscall_call *c, struct strbuf *out, char *endpoint)
{
	if (!c->saved[SAVED_DEFERRED])
		return false;
	int ulen = (int)c->saved[SAVED_ULEN], rlen;
	if (!fetch(c, true, c->args[2], &rlen, sizeof rlen)) {
		print_addr(out, c->args[1]);
		sb_printf(out, ", [%d]", ulen);
		return true;
	}
	int family = decode_sockaddr(c, out, c->args[1], ulen > rlen ? rlen : ulen, endpoint);
	if (family >= 0)
		c->ev.family = family;
	if (ulen != rlen)
		sb_printf(out, ", [%d => %d]", ulen, rlen);
	else
		sb_printf(out, ", [%d]", rlen);
	return true;
}

static void accepted(struct syscall_call *c)
{
	if (!call_failed(c))
		c->ev.new_fd = (int)c->ret;
}

void decode_accept_entry(struct syscall_call *c, struct strbuf *out)
{
	sockname_entry(c, out, "accept");
}

void decode_accept_exit(struct syscall_call *c, struct strbuf *out)
{
	sockname_exit(c, out, c->ev.remote);
	accepted(c);
}

static void print_accept4_flags(struct syscall_call *c, struct strbuf *out)
{
	sb_puts(out, ", ");
	print_flags(out, &xlat_sock_type_flags, c->args[3], "SOCK_???");
}

void decode_accept4_entry(struct syscall_call *c, struct strbuf *out)
{
	sockname_entry(c, out, "accept");
	if (!c->saved[SAVED_DEFERRED])
		print_accept4_flags(c, out);
}

void decode_accept4_exit(struct syscall_call *c, struct strbuf *out)
{
	if (sockname_exit(c, out, c->ev.remote))
		print_accept4_flags(c, out);
	accepted(c);
}

void decode_getsockname_entry(struct syscall_call *c, struct strbuf *out)
{
	sockname_entry(c, out, "getsockname");
}

void decode_getsockname_exit(struct syscall_call *c, struct strbuf *out)
{
	sockname_exit(c, out, c->ev.local);
}

void decode_getpeername_entry(struct syscall_call *c, struct strbuf *out)
{
	sockname_entry(c, out, "getpeername");
}

void decode_getpeername_exit(struct syscall_call *c, struct strbuf *out)
{
	sockname_exit(c, out, c->ev.remote);
}
