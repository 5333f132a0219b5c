/*
 * The seccomp-bpf filter a launched command runs under: SECCOMP_RET_TRACE for the calls we
 * decode, ALLOW for everything else, so untraced syscalls never stop. It only looks at the
 * architecture and the syscall number, which lets the kernel's seccomp action cache skip the
 * filter entirely for allowed calls.
 */
#ifndef NETTRACE_SECCOMP_FILTER_H
#define NETTRACE_SECCOMP_FILTER_H

#include <stdbool.h>

/* Installs the filter in the calling process (the child, before exec); -1 with errno. */
int seccomp_filter_install(bool with_close);

#endif
