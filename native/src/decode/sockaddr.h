/* Socket addresses: strace's struct notation for the text output, "ip:port" for events. */
#ifndef NETTRACE_SOCKADDR_H
#define NETTRACE_SOCKADDR_H

#include "decode/decode.h"

#define ENDPOINT_LEN sizeof(((struct net_event *)0)->local)

/*
 * Prints addrlen bytes at addr as a sockaddr (a pointer when addrlen < 2 or unreadable) and,
 * when endpoint is not NULL, stores its event-model form there. Returns the family or -1.
 */
int decode_sockaddr(const struct syscall_call *c, struct strbuf *out, unsigned long addr,
		    int addrlen, char *endpoint);

/* Prints a sockaddr already copied out of the tracee (addrlen >= 2 bytes valid in buf). */
void print_sockaddr(struct strbuf *out, const void *buf, int addrlen);

/* "1.2.3.4:80", "[::1]:80", "/path", "@abstract"; "" for families without a form. */
void format_endpoint(char *dst, size_t size, const void *buf, int addrlen);

/* sll_ifindex and sin6_scope_id: if_nametoindex("lo") when the index names an interface. */
void print_ifindex(struct strbuf *out, unsigned ifindex);

/*
 * An IPv4 or IPv6 address of len bytes at addr: inet_addr("1.2.3.4"),
 * inet_pton(AF_INET6, "::1"); hex bytes when too short or of another family.
 */
void decode_inet_addr(const struct syscall_call *c, struct strbuf *out, unsigned long addr,
		      unsigned len, int family);

#endif
