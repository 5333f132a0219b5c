/*
 * Which descriptors of a process are sockets, for --close: close/dup/fcntl are printed only for
 * sockets. Threads share one set (they share the descriptor table); it is refcounted.
 */
#ifndef NETTRACE_SOCKFDS_H
#define NETTRACE_SOCKFDS_H

#include <stdbool.h>
#include <sys/types.h>

struct sockfds;

struct sockfds *sockfds_new(void);
struct sockfds *sockfds_ref(struct sockfds *s);
void sockfds_unref(struct sockfds *s);

bool sockfds_has(const struct sockfds *s, long fd);
void sockfds_set(struct sockfds *s, long fd, bool is_socket);
/* Replaces the set with what /proc/PID/fd shows (at attach, first sight and after exec). */
void sockfds_scan(struct sockfds *s, pid_t pid);

#endif
