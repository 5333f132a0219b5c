/*
 * NETLINK_SOCK_DIAG sockets in the network namespace of a traced process: sock_diag answers
 * only about sockets of the namespace the asking socket lives in, so a process in a container
 * needs a diag socket created inside its namespace (one per namespace, kept open).
 */
#ifndef NETTRACE_DIAG_SOCKET_H
#define NETTRACE_DIAG_SOCKET_H

#include <stddef.h>
#include <sys/types.h>

/* A diag socket in pid's network namespace; -1 if none can be had. */
int diag_socket_for(pid_t pid);

/*
 * Sends one request (a netlink message of len bytes) on sock and calls on_msg for every
 * SOCK_DIAG_BY_FAMILY answer, reading until the answer ends (a dump's NLMSG_DONE, an error, or
 * the single answer of an exact request). Returns -1 if the exchange failed.
 */
int diag_exchange(int sock, const void *req, size_t len, int dump,
		  void (*on_msg)(const void *data, size_t len, void *ctx), void *ctx);

#endif
