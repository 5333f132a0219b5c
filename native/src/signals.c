#include "signals.h"

#include <stdio.h>
#include <unistd.h>

static const char *const names[] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
	[SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
	[SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
	[SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
	[SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN", [SIGTTOU] = "SIGTTOU",
	[SIGURG] = "SIGURG", [SIGXCPU] = "SIGXCPU", [SIGXFSZ] = "SIGXFSZ",
	[SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF", [SIGWINCH] = "SIGWINCH", [SIGIO] = "SIGIO",
	[SIGPWR] = "SIGPWR", [SIGSYS] = "SIGSYS",
};

/* The kernel's first real-time signal; glibc reserves two, but strace counts from the kernel's. */
enum { KERNEL_SIGRTMIN = 32, KERNEL_SIGRTMAX = 64 };

const char *signal_name(int sig)
{
	static char other[24];
	if (sig > 0 && (size_t)sig < sizeof(names) / sizeof(names[0]) && names[sig])
		return names[sig];
	if (sig >= KERNEL_SIGRTMIN && sig <= KERNEL_SIGRTMAX)
		snprintf(other, sizeof(other), "SIGRT_%d", sig - KERNEL_SIGRTMIN);
	else
		snprintf(other, sizeof(other), "%d", sig);
	return other;
}

struct code_name {
	int code;
	const char *name;
};

/* si_code values that mean the same for every signal (strace's siginfo_codes). */
static const struct code_name generic_codes[] = {
	{ SI_USER, "SI_USER" }, { SI_KERNEL, "SI_KERNEL" }, { SI_QUEUE, "SI_QUEUE" },
	{ SI_TIMER, "SI_TIMER" }, { SI_MESGQ, "SI_MESGQ" }, { SI_ASYNCIO, "SI_ASYNCIO" },
	{ SI_SIGIO, "SI_SIGIO" }, { SI_TKILL, "SI_TKILL" }, { SI_ASYNCNL, "SI_ASYNCNL" },
	{ 0, NULL },
};
static const struct code_name chld_codes[] = {
	{ CLD_EXITED, "CLD_EXITED" }, { CLD_KILLED, "CLD_KILLED" }, { CLD_DUMPED, "CLD_DUMPED" },
	{ CLD_TRAPPED, "CLD_TRAPPED" }, { CLD_STOPPED, "CLD_STOPPED" },
	{ CLD_CONTINUED, "CLD_CONTINUED" }, { 0, NULL },
};
static const struct code_name segv_codes[] = {
	{ SEGV_MAPERR, "SEGV_MAPERR" }, { SEGV_ACCERR, "SEGV_ACCERR" }, { 3, "SEGV_BNDERR" },
	{ 4, "SEGV_PKUERR" }, { 0, NULL },
};
static const struct code_name bus_codes[] = {
	{ BUS_ADRALN, "BUS_ADRALN" }, { BUS_ADRERR, "BUS_ADRERR" }, { BUS_OBJERR, "BUS_OBJERR" },
	{ 4, "BUS_MCEERR_AR" }, { 5, "BUS_MCEERR_AO" }, { 0, NULL },
};
static const struct code_name ill_codes[] = {
	{ ILL_ILLOPC, "ILL_ILLOPC" }, { ILL_ILLOPN, "ILL_ILLOPN" }, { ILL_ILLADR, "ILL_ILLADR" },
	{ ILL_ILLTRP, "ILL_ILLTRP" }, { ILL_PRVOPC, "ILL_PRVOPC" }, { ILL_PRVREG, "ILL_PRVREG" },
	{ ILL_COPROC, "ILL_COPROC" }, { ILL_BADSTK, "ILL_BADSTK" }, { 0, NULL },
};
static const struct code_name fpe_codes[] = {
	{ FPE_INTDIV, "FPE_INTDIV" }, { FPE_INTOVF, "FPE_INTOVF" }, { FPE_FLTDIV, "FPE_FLTDIV" },
	{ FPE_FLTOVF, "FPE_FLTOVF" }, { FPE_FLTUND, "FPE_FLTUND" }, { FPE_FLTRES, "FPE_FLTRES" },
	{ FPE_FLTINV, "FPE_FLTINV" }, { FPE_FLTSUB, "FPE_FLTSUB" }, { 0, NULL },
};
static const struct code_name trap_codes[] = {
	{ TRAP_BRKPT, "TRAP_BRKPT" }, { TRAP_TRACE, "TRAP_TRACE" }, { 0, NULL },
};
static const struct code_name poll_codes[] = {
	{ POLL_IN, "POLL_IN" }, { POLL_OUT, "POLL_OUT" }, { POLL_MSG, "POLL_MSG" },
	{ POLL_ERR, "POLL_ERR" }, { POLL_PRI, "POLL_PRI" }, { POLL_HUP, "POLL_HUP" }, { 0, NULL },
};

static const char *lookup(const struct code_name *t, int code)
{
	for (; t->name; t++)
		if (t->code == code)
			return t->name;
	return NULL;
}

static const struct code_name *codes_of(int sig)
{
	switch (sig) {
	case SIGCHLD: return chld_codes;
	case SIGSEGV: return segv_codes;
	case SIGBUS: return bus_codes;
	case SIGILL: return ill_codes;
	case SIGFPE: return fpe_codes;
	case SIGTRAP: return trap_codes;
	case SIGPOLL: return poll_codes;
	default: return NULL;
	}
}

static void print_code(struct strbuf *out, int sig, int code)
{
	const char *name = lookup(generic_codes, code);
	const struct code_name *specific = codes_of(sig);
	if (!name && specific)
		name = lookup(specific, code);
	if (name)
		sb_puts(out, name);
	else
		sb_printf(out, "%#x", (unsigned)code);
}

static void print_source(struct strbuf *out, const siginfo_t *si)
{
	sb_printf(out, ", si_pid=%d, si_uid=", si->si_pid);
	if (si->si_uid == (uid_t)-1)
		sb_puts(out, "-1");
	else
		sb_printf(out, "%u", (unsigned)si->si_uid);
}

static void print_value(struct strbuf *out, const siginfo_t *si)
{
	sb_printf(out, ", si_int=%d, si_ptr=", si->si_int);
	if (si->si_ptr)
		sb_printf(out, "%p", si->si_ptr);
	else
		sb_puts(out, "NULL");
}

/* Clock ticks with strace's comment in seconds: "1 /\* 0.01 s *\/". */
static void print_clock(struct strbuf *out, const char *field, long long ticks)
{
	sb_printf(out, ", %s=%lld", field, ticks);
	if (!ticks)
		return;
	static long hz;
	if (!hz)
		hz = sysconf(_SC_CLK_TCK);
	int width = 0;
	for (long v = hz - 1; v > 0; v /= 10)
		width++;
	sb_printf(out, " /* %lld.%0*lld s */", ticks / hz, width, ticks % hz);
}

static void print_details(struct strbuf *out, const siginfo_t *si)
{
	if (si->si_errno)
		sb_printf(out, ", si_errno=%d", si->si_errno);
	if (si->si_code <= 0) { /* sent by a process (SI_FROMUSER) */
		if (si->si_code == SI_TIMER) {
			sb_printf(out, ", si_timerid=%#x, si_overrun=%d", (unsigned)si->si_timerid,
				  si->si_overrun);
			print_value(out, si);
			return;
		}
		print_source(out, si);
		if (si->si_code != SI_USER && si->si_code != SI_TKILL && si->si_ptr)
			print_value(out, si);
		return;
	}
	switch (si->si_signo) {
	case SIGCHLD:
		print_source(out, si);
		if (si->si_code == CLD_EXITED)
			sb_printf(out, ", si_status=%d", si->si_status);
		else
			sb_printf(out, ", si_status=%s", signal_name(si->si_status));
		print_clock(out, "si_utime", (long long)si->si_utime);
		print_clock(out, "si_stime", (long long)si->si_stime);
		break;
	case SIGILL: case SIGFPE: case SIGSEGV: case SIGBUS:
		if (si->si_addr)
			sb_printf(out, ", si_addr=%p", si->si_addr);
		else
			sb_puts(out, ", si_addr=NULL");
		break;
	case SIGPOLL:
		if (si->si_code == POLL_IN || si->si_code == POLL_OUT || si->si_code == POLL_MSG)
			sb_printf(out, ", si_band=%ld", si->si_band);
		break;
	default:
		if (si->si_pid || si->si_uid)
			print_source(out, si);
		if (si->si_ptr)
			print_value(out, si);
	}
}

void print_siginfo(struct strbuf *out, const siginfo_t *si)
{
	if (!si->si_signo) {
		sb_puts(out, "{}");
		return;
	}
	sb_printf(out, "{si_signo=%s, si_code=", signal_name(si->si_signo));
	print_code(out, si->si_signo, si->si_code);
	print_details(out, si);
	sb_putc(out, '}');
}
