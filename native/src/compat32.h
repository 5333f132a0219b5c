/*
 * i386 tracees on x86_64: their syscall numbers differ, and socket calls may arrive wrapped in
 * socketcall(2). Both are mapped to the x86_64 call the decoders know, with compat32 set.
 */
#ifndef NETTRACE_COMPAT32_H
#define NETTRACE_COMPAT32_H

#include <stdbool.h>
#include <stddef.h>

#include "decode/decode.h"

/* i386 syscall numbers and the x86_64 call each one is decoded as. */
struct compat32_call {
	long nr32, nr64;
};
extern const struct compat32_call compat32_calls[];
extern const size_t compat32_calls_len;

/*
 * Turns an i386 call (c->nr holding the i386 number, c->args its arguments) into its x86_64
 * form in place; unwraps socketcall by reading its argument block. False if it is not a call
 * we decode.
 */
bool compat32_translate(struct syscall_call *c);

#endif
