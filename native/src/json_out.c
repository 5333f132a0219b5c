#include "json_out.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "clock.h"
#include "decode/decode.h"
#include "output.h"
#include "proctab.h"
#include "signals.h"

static struct strbuf rec;

static void put_string(const char *key, const char *s)
{
	sb_printf(&rec, ",\"%s\":\"", key);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_printf(&rec, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			sb_printf(&rec, "\\u%04x", *p);
		else
			sb_putc(&rec, (char)*p);
	}
	sb_putc(&rec, '"');
}

static void put_num(const char *key, long long v)
{
	sb_printf(&rec, ",\"%s\":%lld", key, v);
}

/* A constant by name, or its number as a string when it has none. */
static void put_name(const char *key, const char *name, int v)
{
	if (v < 0)
		return;
	if (name) {
		put_string(key, name);
	} else {
		char num[16];
		snprintf(num, sizeof(num), "%d", v);
		put_string(key, num);
	}
}

static void put_hex(const char *key, const unsigned char *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	sb_printf(&rec, ",\"%s\":\"", key);
	for (size_t i = 0; i < len; i++) {
		sb_putc(&rec, digits[data[i] >> 4]);
		sb_putc(&rec, digits[data[i] & 0xf]);
	}
	sb_putc(&rec, '"');
}

/* The network namespace's inode, so the correlator knows it even after the process ended. */
static void put_netns(pid_t pid)
{
	char path[64];
	struct stat st;
	snprintf(path, sizeof(path), "/proc/%d/ns/net", pid);
	if (stat(path, &st) == 0)
		put_num("netns", (long long)st.st_ino);
}

static void begin(const char *type, int64_t ts, pid_t pid)
{
	sb_reset(&rec);
	sb_printf(&rec, "{\"type\":\"%s\",\"ts\":%lld,\"pid\":%d", type, (long long)ts, pid);
}

static void end(void)
{
	sb_puts(&rec, "}\n");
	out_record(rec.buf, rec.len);
}

/* Begins an event record of t; ts is the call's entry for calls, now for the others. */
static void begin_event(const struct tcb *t, const char *op, int64_t ts)
{
	begin("event", ts, t->pid);
	put_num("tid", t->tid);
	put_string("source", "ptrace");
	put_string("op", op);
}

void json_call(const struct tcb *t, const char *syscall, bool finished, int64_t dur_ns)
{
	const struct syscall_call *c = &t->call;
	const struct net_event *ev = &c->ev;
	begin_event(t, ev->op ? ev->op : syscall, t->entry_realtime_ns);
	put_string("syscall", syscall);
	if (ev->fd >= 0)
		put_num("fd", ev->fd);
	if (ev->new_fd >= 0)
		put_num("newFd", ev->new_fd);
	put_name("family", family_name(ev->family), ev->family);
	put_name("sockType", socktype_name(ev->type), ev->type);
	put_name("protocol", protocol_name(ev->family, ev->protocol), ev->protocol);
	if (ev->local[0])
		put_string("local", ev->local);
	if (ev->remote[0])
		put_string("remote", ev->remote);
	if (ev->bytes >= 0)
		put_num("bytes", ev->bytes);
	if (ev->inode)
		put_num("inode", (long long)ev->inode);
	if (ev->new_inode)
		put_num("newInode", (long long)ev->new_inode);
	if (ev->level)
		put_string("level", ev->level);
	if (ev->optname)
		put_string("optname", ev->optname);
	if (ev->optval_errno)
		put_string("optval", ev->optval_errno);
	else if (ev->has_optval)
		put_num("optval", ev->optval);
	if (ev->data)
		put_hex("data", ev->data, ev->data_len);
	if (finished) {
		if (c->ret < 0 && c->ret >= -4095) {
			put_num("ret", -1);
			const char *name = errno_name((unsigned long)-c->ret);
			if (name)
				put_string("errno", name);
		} else {
			put_num("ret", c->ret);
		}
	}
	put_num("durNs", dur_ns);
	end();
}

void json_fork(const struct tcb *t, pid_t child)
{
	begin_event(t, "fork", clock_ns(CLOCK_REALTIME));
	put_num("child", child);
	put_netns(t->pid);
	end();
}

void json_exec(const struct tcb *t)
{
	begin_event(t, "exec", clock_ns(CLOCK_REALTIME));
	put_netns(t->pid);
	end();
}

void json_exit(pid_t pid, int wait_status)
{
	begin("exit", clock_ns(CLOCK_REALTIME), pid);
	if (WIFSIGNALED(wait_status))
		put_string("signal", signal_name(WTERMSIG(wait_status)));
	else
		put_num("code", WEXITSTATUS(wait_status));
	end();
}
