/* getpmsg and putpmsg: unimplemented STREAMS calls that strace prints as five raw words. */
#include "decode/decoders.h"

void decode_rawargs_entry(struct syscall_call *c, struct strbuf *out)
{
	ev_begin(c, NULL);
	for (int i = 0; i < 5; i++)
		sb_printf(out, i ? ", %#lx" : "%#lx", c->args[i]);
}
