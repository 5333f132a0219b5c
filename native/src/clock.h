/* Nanosecond clock readings (vDSO, no syscall). */
#ifndef NETTRACE_CLOCK_H
#define NETTRACE_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline int64_t clock_ns(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

#endif
