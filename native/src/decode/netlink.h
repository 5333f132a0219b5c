/* Netlink messages in send and receive buffers, as strace 6.1 prints them. */
#ifndef NETTRACE_NETLINK_H
#define NETTRACE_NETLINK_H

#include "decode/decode.h"

/* Whether descriptor fd of the tracee is a netlink socket (its sockprotoname, as strace asks). */
bool is_netlink_socket(const struct syscall_call *c, int fd);

/*
 * The netlink protocol (NETLINK_ROUTE, ...) of descriptor fd, or -1 when unknown (as for a
 * socket not bound yet, which strace cannot name either). Reads /proc/PID/net/netlink.
 */
int netlink_protocol_of(const struct syscall_call *c, int fd);

/*
 * Whether len bytes starting with `head` (avail of them copied) can be a netlink message:
 * a first nlmsg_len between the header size and len. Lets plain data skip the /proc lookups.
 */
bool may_be_netlink(const unsigned char *head, size_t avail, unsigned long len);

/* Prints the messages in len bytes at addr; protocol is netlink_protocol_of()'s answer. */
void decode_netlink(struct syscall_call *c, struct strbuf *out, int protocol,
		    unsigned long addr, unsigned long len);

#endif
