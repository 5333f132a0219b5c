/* One-line diagnostics on stderr, "nettrace-ptrace: ...", and the exits that go with them. */
#ifndef NETTRACE_DIAG_H
#define NETTRACE_DIAG_H

#define PROGNAME "nettrace-ptrace"

void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Exit 2 (bad command line). */
_Noreturn void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Exit 1 (runtime), with ": strerror(errno)" appended. */
_Noreturn void die_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
