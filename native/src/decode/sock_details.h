/*
 * What strace 6.1 -yy prints inside the angle brackets of a socket descriptor:
 * "TCP:[127.0.0.1:40312->127.0.0.1:8080]", "UNIX-STREAM:[133189->133186,\"c07.sock\"]",
 * "NETLINK:[ROUTE:1234]", or "TCP:[12345]" while the kernel's tables do not list the socket.
 */
#ifndef NETTRACE_SOCK_DETAILS_H
#define NETTRACE_SOCK_DETAILS_H

#include <sys/types.h>

/*
 * The text for socket inode behind descriptor fd of thread tid (of process pid); NULL when
 * strace would fall back to the link text "socket:[N]" (a protocol it has no table for). The
 * string stays valid until the next call.
 */
const char *sock_details(pid_t pid, pid_t tid, int fd, unsigned long inode);

#endif
