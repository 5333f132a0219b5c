/* Launch mode: start the command under ptrace (and, unless --no-seccomp, under our filter). */
#ifndef NETTRACE_LAUNCH_H
#define NETTRACE_LAUNCH_H

#include <sys/types.h>

/* Forks and seizes the command; returns its pid. Exits 1 if it cannot be run. */
pid_t launch_command(char **argv);

#endif
