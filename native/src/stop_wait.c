/*
 * The tracer's own wake-up is the other half of a stop's cost on a VM: a tracer that sleeps
 * in wait4 lets its vCPU halt, and the next stop must wake it through the hypervisor. During
 * a burst of traced calls the next stop usually comes within microseconds, so the tracer
 * polls for SPIN_NS before it sleeps. It yields between polls, so a tracee that shares its
 * CPU (pinned runs) gets the CPU at once instead of waiting for the spin to end.
 * NETTRACE_SPIN_NS overrides the spin time (0: never spin), for benchmarks.
 */
#include "stop_wait.h"

#include <sched.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "clock.h"
#include "output.h"

enum { DEFAULT_SPIN_NS = 50 * 1000 };

static int64_t spin_ns = -1;

pid_t stop_wait(int *status)
{
	pid_t tid = wait4(-1, status, __WALL | WNOHANG, NULL);
	if (tid != 0)
		return tid;
	/* Nothing pending: whoever reads the trace sees everything so far. */
	out_flush();
	if (spin_ns < 0) {
		const char *e = getenv("NETTRACE_SPIN_NS");
		spin_ns = e ? atoll(e) : DEFAULT_SPIN_NS;
	}
	int64_t end = clock_ns(CLOCK_MONOTONIC) + spin_ns;
	while (clock_ns(CLOCK_MONOTONIC) < end) {
		sched_yield();
		tid = wait4(-1, status, __WALL | WNOHANG, NULL);
		if (tid != 0)
			return tid;
	}
	return wait4(-1, status, __WALL, NULL);
}
