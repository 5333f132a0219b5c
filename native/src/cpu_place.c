/*
 * Unpinned on a small VM, a ptrace stop is expensive mostly because tracer and tracee sit on
 * different vCPUs: every stop wakes the tracer's vCPU and every resume wakes the tracee's,
 * and waking a halted vCPU goes through the hypervisor. The tracer therefore moves itself
 * (never the tracee) onto the CPU its busiest tracee last ran on, so that both wake-ups stay
 * on one CPU as they do when both are pinned. The tracee's CPU (field 39 of /proc/TID/stat)
 * is read at most every FOLLOW_INTERVAL_NS, so the cost is negligible; the tracer only moves
 * within the CPUs it was allowed at start (a tracer pinned by the user stays pinned).
 * NETTRACE_CPU_FOLLOW=0 turns this off, for benchmarks.
 */
#include "cpu_place.h"

#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"

enum { FOLLOW_INTERVAL_NS = 20 * 1000 * 1000 };

static cpu_set_t allowed;
static bool enabled, initialized;
static int current = -1;
static int64_t next_check;

/* Field 39 of /proc/TID/stat: the CPU the thread last ran on; -1 if unknown. */
static int last_cpu_of(pid_t tid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", tid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	/* comm (field 2) may hold spaces and parentheses: count from the last ')'. */
	char *p = strrchr(buf, ')');
	if (!p)
		return -1;
	int field = 2;
	for (char *save, *tok = strtok_r(p + 1, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		if (++field == 39)
			return atoi(tok);
	return -1;
}

void cpu_follow(pid_t tid)
{
	if (!initialized) {
		initialized = true;
		const char *e = getenv("NETTRACE_CPU_FOLLOW");
		enabled = sched_getaffinity(0, sizeof(allowed), &allowed) == 0 &&
			  CPU_COUNT(&allowed) > 1 && !(e && *e == '0');
	}
	if (!enabled)
		return;
	int64_t now = clock_ns(CLOCK_MONOTONIC);
	if (now < next_check)
		return;
	next_check = now + FOLLOW_INTERVAL_NS;
	int cpu = last_cpu_of(tid);
	if (cpu < 0 || cpu == current || cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &allowed))
		return;
	cpu_set_t one;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one) == 0)
		current = cpu;
}
