/*
 * The contract between the tracer core (the .c files of src/) and the syscall decoders
 * (src/decode/).
 *
 * The core owns processes, stops, line bookkeeping (pid prefixes, <unfinished ...>, resumed
 * lines, the column-40 padding before " = ") and the output sinks. The decoders own everything
 * between the parentheses, the return-value text, and the event fields for --format json.
 *
 * strace prints a call in two halves: what is known at entry (input arguments) and, at exit,
 * what the kernel wrote back. A decoder therefore has an entry and an exit half; whatever the
 * entry half printed is what stands before " <unfinished ...>" when another thread interrupts.
 */
#ifndef NETTRACE_DECODE_H
#define NETTRACE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "decode/strbuf.h"

/* One traced call, filled by the core, read and annotated by the decoders. */
struct net_event {
	const char *op;           /* event-model op: "connect", "send", "recv", ... */
	int fd, new_fd;           /* -1 when not applicable */
	int family, type, protocol; /* -1 when unknown */
	char local[128];          /* "ip:port", "[ip6]:port", unix path, "@abstract"; "" if unknown */
	char remote[128];
	long long bytes;          /* bytes moved; -1 when not applicable */
	/* What the correlator needs beyond the call itself; zero/NULL when unknown. */
	bool for_json;            /* set by the core: the fields below are wanted (they cost reads) */
	const char *level, *optname; /* getsockopt/setsockopt: "SOL_TCP", "TCP_NODELAY" */
	bool has_optval;
	int optval;               /* an int-sized option's value */
	const char *optval_errno; /* SO_ERROR: the errno name, when the value is not 0 */
	unsigned long long inode, new_inode; /* the sockets at fd/new_fd that the call created */
	const unsigned char *data; /* a DNS (port 53) payload, data_len bytes; valid until the
				     next call is decoded */
	size_t data_len;
};

struct syscall_call {
	pid_t pid, tid;
	long nr;                  /* x86_64 number (socketcall subcalls are mapped to these) */
	unsigned long args[6];
	long ret;                 /* valid in the exit half */
	bool compat32;            /* an i386 tracee: pointers and structures are 32-bit */
	int strsize;              /* -s */
	int fd_decor;             /* 0, 1 (-y: descriptor paths) or 2 (-yy: socket endpoints too) */
	unsigned long saved[4];   /* scratch kept by the entry half for the exit half */
	char rval_suffix[160];    /* printed after the return value, e.g. recvmmsg's (left ...) */
	struct net_event ev;
	bool entry_complete;      /* set by the entry half when it printed every argument */
};

typedef void (*decode_fn)(struct syscall_call *c, struct strbuf *out);

struct syscall_desc {
	long nr;
	const char *name;
	unsigned flags;           /* SC_* below */
	decode_fn entry;          /* prints the input arguments (may be NULL: nothing at entry) */
	decode_fn exit;           /* prints the rest; must not print the closing ')' */
};

#define SC_NETWORK  0x1u      /* in strace's -e trace=network class */
#define SC_FDCLOSE  0x2u      /* close/dup family, traced with --close */

/* Table lookup by x86_64 number; NULL for calls nettrace does not decode. */
const struct syscall_desc *syscall_find(long nr);
/* Every decoded call, for building the seccomp filter. */
extern const struct syscall_desc syscall_table[];
extern const size_t syscall_table_len;

/* Prints "N", "-1 ENAME (text)", "-1 (errno N)" or "? ERESTARTSYS (...)" for c->ret. */
void decode_return(struct syscall_call *c, struct strbuf *out);

/* Reads tracee memory (process_vm_readv); returns 0 on success, -1 if unreadable. */
int tracee_read(pid_t tid, unsigned long addr, void *buf, size_t len);

/* --- appended by the decoders --- */

/*
 * decode_return also prints c->rval_suffix when the exit half set one (recvmmsg's
 * " (left {tv_sec=0, tv_nsec=...})", " (Timeout)"); the core prints "= " before it and nothing
 * after it. The exit half of every call in syscall_table is non-NULL, and so is the entry half.
 */

/* The call will never reach its exit (the tracee died or was detached): frees what the entry
 * half kept. Harmless for calls that kept nothing. */
void decode_discard(struct syscall_call *c);

/* errno name as strace prints it ("ECONNREFUSED"), NULL when strace has none: for JSON. */
const char *errno_name(unsigned long err);

/* Names for the JSON event fields; NULL when strace would print a number. */
const char *family_name(int family);            /* "AF_INET" */
const char *socktype_name(int type);            /* "SOCK_STREAM" (flags masked off) */
const char *protocol_name(int family, int protocol); /* "IPPROTO_TCP", "NETLINK_ROUTE" */


/* --- appended by the core --- */

/*
 * core needs: SC_DONE_AT_ENTRY in desc->flags for the calls strace prints completely at entry
 * (its RVAL_DECODED: socket, bind, listen, connect, shutdown, setsockopt, sendto, sendmsg,
 * getpmsg/putpmsg, close, dup, dup2, dup3, fcntl). When a tracee dies inside such a call the
 * core prints "connect(3, {...}, 16) = ?"; for the others (the exit half would have printed
 * more) it prints "accept(3,  <unfinished ...>) = ?", as strace does. The core also calls
 * decode_discard() for such calls, and in JSON mode it runs both halves into a scratch buffer.
 */
#define SC_DONE_AT_ENTRY 0x4u

/*
 * decoders offer: whether the entry half printed the whole call. True for SC_DONE_AT_ENTRY
 * calls, and for accept/accept4/getsockname/getpeername/getsockopt/recvmsg/sendfile when
 * strace finishes them at entry too (a NULL or unreadable address, length or offset
 * pointer). Use it instead of the flag where a killed call ends its line.
 */
bool decode_done_at_entry(const struct syscall_call *c, const struct syscall_desc *d);

#endif
