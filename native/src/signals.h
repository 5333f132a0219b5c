/* Signal names and siginfo as strace prints them in "--- SIGX {...} ---" lines. */
#ifndef NETTRACE_SIGNALS_H
#define NETTRACE_SIGNALS_H

#include <signal.h>

#include "decode/strbuf.h"

/* "SIGINT", "SIGRT_3", or "SIG_N" for numbers with no name; the string is static. */
const char *signal_name(int sig);
/* {si_signo=..., si_code=..., ...} */
void print_siginfo(struct strbuf *out, const siginfo_t *si);

#endif
