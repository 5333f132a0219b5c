/* The per-syscall decoders that syscalls.c puts in the table, and their shared helpers. */
#ifndef NETTRACE_DECODERS_H
#define NETTRACE_DECODERS_H

#include "decode/decode.h"

#define ENTRY_ONLY(name) \
	void decode_##name##_entry(struct syscall_call *c, struct strbuf *out)
#define DECODER(name) \
	ENTRY_ONLY(name); \
	void decode_##name##_exit(struct syscall_call *c, struct strbuf *out)

/* Calls that strace prints completely at entry. */
ENTRY_ONLY(bind);
ENTRY_ONLY(connect);
ENTRY_ONLY(listen);
ENTRY_ONLY(shutdown);
ENTRY_ONLY(setsockopt);

ENTRY_ONLY(rawargs);
ENTRY_ONLY(close);
ENTRY_ONLY(dup);
ENTRY_ONLY(dup2);
ENTRY_ONLY(dup3);
ENTRY_ONLY(fcntl);

/* Calls that print what the kernel wrote back at exit. */
DECODER(socket);
DECODER(socketpair);
DECODER(accept);
DECODER(accept4);
DECODER(getsockname);
DECODER(getpeername);
DECODER(getsockopt);
DECODER(sendto);
DECODER(recvfrom);
DECODER(sendmsg);
DECODER(recvmsg);
DECODER(sendmmsg);
DECODER(recvmmsg);
DECODER(sendfile);
/* Frees what recvmmsg's entry kept. */
void decode_recvmmsg_discard(struct syscall_call *c);
/* The dup family and fcntl share one exit: the new descriptor for the event. */
void decode_dup_exit(struct syscall_call *c, struct strbuf *out);

/* Starts the event of a call: sets op and fd (args[0]) and clears the other fields. */
void ev_begin(struct syscall_call *c, const char *op);
/* Sets bytes from a successful return value. */
void ev_bytes_from_ret(struct syscall_call *c);

/* MSG_* flags of send and receive calls. */
void print_msg_flags(struct strbuf *out, unsigned long flags);

#endif
