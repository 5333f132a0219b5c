/* -y and -yy: what a descriptor refers to, printed after its number as strace 6.1 does. */
#ifndef NETTRACE_FD_LINK_H
#define NETTRACE_FD_LINK_H

#include "decode/decode.h"

/*
 * Prints "<...>" for descriptor fd of the calling thread at decoration level c->fd_decor:
 * 1 (-y) the /proc/TID/fd/N link ("</tmp/f>", "<socket:[123]>", "</tmp/f>(deleted)"); 2 (-yy)
 * sockets with protocol and endpoints, devices with their numbers ("</dev/null<char 1:3>>"),
 * pidfds as "<pid:N>". Nothing when the link cannot be read (a closed descriptor).
 */
void print_fd_link(const struct syscall_call *c, struct strbuf *out, int fd);

#endif
