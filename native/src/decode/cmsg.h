/* Control messages (msg_control) as strace prints them. */
#ifndef NETTRACE_CMSG_H
#define NETTRACE_CMSG_H

#include "decode/decode.h"

/* Prints the cmsg array at addr of controllen bytes, or the pointer when unreadable. */
void print_cmsgs(struct syscall_call *c, struct strbuf *out, unsigned long addr,
		 unsigned long controllen);

#endif
