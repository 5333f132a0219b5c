/* Where the tracer runs: next to the tracee it serves, so stops do not cross vCPUs. */
#ifndef NETTRACE_CPU_PLACE_H
#define NETTRACE_CPU_PLACE_H

#include <sys/types.h>

/* A stop of tid was just reported; now and then moves the tracer to tid's CPU. */
void cpu_follow(pid_t tid);

#endif
