/* The event-model side of decoding: what --format json reports for a call. */
#include "decode/decoders.h"

#include "decode/print.h"

void ev_begin(struct syscall_call *c, const char *op)
{
	struct net_event *ev = &c->ev;
	ev->op = op;
	ev->fd = (int)c->args[0];
	ev->new_fd = -1;
	ev->family = ev->type = ev->protocol = -1;
	ev->local[0] = ev->remote[0] = '\0';
	ev->bytes = -1;
	c->entry_complete = false;
}

void ev_bytes_from_ret(struct syscall_call *c)
{
	if (!call_failed(c))
		c->ev.bytes = c->ret;
}
