/* Waiting for the next tracee stop, as cheaply as this machine allows. */
#ifndef NETTRACE_STOP_WAIT_H
#define NETTRACE_STOP_WAIT_H

#include <sys/types.h>

/* The next stop or exit of any tracee (wait4 semantics: -1 with errno EINTR or ECHILD). */
pid_t stop_wait(int *status);

#endif
