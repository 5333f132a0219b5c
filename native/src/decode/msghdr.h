/* struct msghdr and struct mmsghdr of 64-bit and i386 tracees, as strace prints them. */
#ifndef NETTRACE_MSGHDR_H
#define NETTRACE_MSGHDR_H

#include "decode/decode.h"

/* A msghdr widened to native words whatever the tracee's word size. */
struct tracee_msghdr {
	unsigned long name;
	unsigned namelen;
	unsigned long iov, iovlen, control, controllen;
	unsigned flags;
};

/* Size of struct msghdr in the tracee. */
size_t msghdr_size(const struct syscall_call *c);
/* Widens the raw tracee bytes of a msghdr (msghdr_size(c) of them). */
void msghdr_from_raw(const struct syscall_call *c, const void *raw, struct tracee_msghdr *msg);
/* Reads a msghdr; false if addr is NULL or unreadable. */
bool fetch_msghdr(const struct syscall_call *c, unsigned long addr, struct tracee_msghdr *msg);

/*
 * Prints {msg_name=..., ..., msg_flags=...}. user_namelen, when not NULL, is the namelen the
 * caller passed in (recvmsg: printed as "N => M" when changed). At most data_size bytes of
 * iovec contents are shown in total ((unsigned long)-1: no limit). The first address seen is
 * stored as the event's remote endpoint.
 */
void print_msghdr(struct syscall_call *c, struct strbuf *out, const struct tracee_msghdr *msg,
		  const int *user_namelen, unsigned long data_size);

#endif
