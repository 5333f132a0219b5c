/* Reading the tracee's memory without a ptrace round trip per word. */
#include "decode/decode.h"

#include <sys/uio.h>

int tracee_read(pid_t tid, unsigned long addr, void *buf, size_t len)
{
	if (len == 0)
		return 0;
	struct iovec local = { .iov_base = buf, .iov_len = len };
	struct iovec remote = { .iov_base = (void *)addr, .iov_len = len };
	/* A short read means part of the range is unmapped: strace treats that as unreadable. */
	return process_vm_readv(tid, &local, 1, &remote, 1, 0) == (ssize_t)len ? 0 : -1;
}
