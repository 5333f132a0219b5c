#include "seccomp_filter.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>

#include "compat32.h"
#include "decode/decode.h"

enum { MAX_INSNS = 256 };

struct prog {
	struct sock_filter insn[MAX_INSNS];
	unsigned short len;
};

static void emit(struct prog *p, unsigned short code, unsigned char jt, unsigned char jf,
		 unsigned k)
{
	if (p->len < MAX_INSNS)
		p->insn[p->len++] = (struct sock_filter)BPF_JUMP(code, k, jt, jf);
}

static bool wanted(long nr64, bool with_close)
{
	const struct syscall_desc *d = syscall_find(nr64);
	return d && ((d->flags & SC_NETWORK) || (with_close && (d->flags & SC_FDCLOSE)));
}

/*
 * One block per architecture: load the number, compare it with every traced number (each
 * match jumps to the block's final TRACE), fall through to ALLOW.
 */
static void emit_block(struct prog *p, const long *nrs, unsigned n)
{
	emit(p, BPF_LD | BPF_W | BPF_ABS, 0, 0, offsetof(struct seccomp_data, nr));
	for (unsigned i = 0; i < n; i++)
		emit(p, BPF_JMP | BPF_JEQ | BPF_K, (unsigned char)(n - i), 0, (unsigned)nrs[i]);
	emit(p, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
	emit(p, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_TRACE);
}

static void build(struct prog *p, bool with_close)
{
	long native[64], i386[64];
	unsigned nnative = 0, ni386 = 0;
	for (size_t i = 0; i < syscall_table_len && nnative < 64; i++)
		if (wanted(syscall_table[i].nr, with_close))
			native[nnative++] = syscall_table[i].nr;
	for (size_t i = 0; i < compat32_calls_len && ni386 < 64; i++)
		if (compat32_calls[i].nr64 < 0 || wanted(compat32_calls[i].nr64, with_close))
			i386[ni386++] = compat32_calls[i].nr32;

	emit(p, BPF_LD | BPF_W | BPF_ABS, 0, 0, offsetof(struct seccomp_data, arch));
	/* not x86_64: skip the x86_64 block (nnative + 3 instructions) */
	emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, (unsigned char)(nnative + 3), AUDIT_ARCH_X86_64);
	emit_block(p, native, nnative);
	/* not i386 either (x32 arrives as x86_64 with bit 30 set and falls through to ALLOW) */
	emit(p, BPF_JMP | BPF_JEQ | BPF_K, 1, 0, AUDIT_ARCH_I386);
	emit(p, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
	emit_block(p, i386, ni386);
}

int seccomp_filter_install(bool with_close)
{
	static struct prog p;
	build(&p, with_close);
	struct sock_fprog fprog = { .len = p.len, .filter = p.insn };
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog) == 0)
		return 0;
	/* Without CAP_SYS_ADMIN a filter needs no_new_privs (setuid programs then lose privileges). */
	if (errno != EACCES || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog);
}
