/* Netlink messages in send and receive buffers, as strace 6.1 prints them. */
#ifndef NETTRACE_NETLINK_H
#define NETTRACE_NETLINK_H

#include <stdint.h>

#include "decode/decode.h"

/*
 * Whether a send or receive buffer of descriptor fd holds netlink messages, that is, whether
 * fd is a netlink socket (its sockprotoname, which strace asks for every buffer). We ask only
 * for sockets seen opening as netlink ones and for bytes that look like a netlink message
 * (head: the first avail of the buffer's len bytes).
 */
bool sockbuf_is_netlink(const struct syscall_call *c, int fd, const unsigned char *head,
			size_t avail, unsigned long len);

/* socket(AF_NETLINK, ...) returned fd in process pid. */
void netlink_socket_opened(pid_t pid, int fd);

/*
 * The netlink protocol (NETLINK_ROUTE, ...) of descriptor fd, or -1 when unknown (as for a
 * socket not bound yet, which strace cannot name either). Reads /proc/PID/net/netlink.
 */
int netlink_protocol_of(const struct syscall_call *c, int fd);

/* The name of a generic netlink family ("nlctrl"), asking the kernel once; NULL if unknown. */
const char *genl_family_name(uint16_t id);

/* Prints the messages in len bytes at addr; protocol is netlink_protocol_of()'s answer. */
void decode_netlink(struct syscall_call *c, struct strbuf *out, int protocol,
		    unsigned long addr, unsigned long len);

#endif
