/* --format json: one NDJSON record per finished call, fork, exec and process exit. */
#ifndef NETTRACE_JSON_OUT_H
#define NETTRACE_JSON_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct tcb;

/* t's current call (t->call); finished is false when t died inside it (no ret then). */
void json_call(const struct tcb *t, const char *syscall, bool finished, int64_t dur_ns);
/* t forked or cloned a new process. */
void json_fork(const struct tcb *t, pid_t child);
/* t's process executed a new program. */
void json_exec(const struct tcb *t);
/* A process ended: exit code, or the signal that killed it. */
void json_exit(pid_t pid, int wait_status);

#endif
