/*
 * The fields of --format json events that the Java correlator needs beyond the call itself:
 * socket inodes, option values, and the payloads of DNS traffic. Payloads are copied only when
 * the peer is port 53, so the send/receive hot path pays one string test otherwise.
 */
#ifndef NETTRACE_EVENT_H
#define NETTRACE_EVENT_H

#include <stdbool.h>

#include "decode/decode.h"

/* At most this many payload bytes are reported. */
#define EV_DATA_MAX 4096

/* After the exit half: the new sockets' inodes, and descriptors that talk to port 53. */
void ev_finish(struct syscall_call *c);

/* Whether the bytes this successful send or receive moved are wanted: its peer is port 53
 * (the call's address, or else an earlier connect/sendto on that descriptor). */
bool ev_wants_data(struct syscall_call *c);
/* The bytes moved, from a flat buffer of size bytes. */
void ev_data_from_buffer(struct syscall_call *c, unsigned long addr, unsigned long size);
/* The bytes moved, from an iovec array. */
void ev_data_from_iovecs(struct syscall_call *c, unsigned long iov, unsigned long iovlen);

/* An int-sized option value at addr (len bytes there); SO_ERROR's becomes an errno name. */
void ev_optval(struct syscall_call *c, bool at_exit, unsigned long addr, int len);

#endif
