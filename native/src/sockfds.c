#include "sockfds.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"

struct sockfds {
	int refs;
	size_t nwords;
	uint64_t *bits;
};

struct sockfds *sockfds_new(void)
{
	struct sockfds *s = calloc(1, sizeof(*s));
	if (!s)
		die_errno("calloc");
	s->refs = 1;
	return s;
}

struct sockfds *sockfds_ref(struct sockfds *s)
{
	s->refs++;
	return s;
}

void sockfds_unref(struct sockfds *s)
{
	if (--s->refs)
		return;
	free(s->bits);
	free(s);
}

bool sockfds_has(const struct sockfds *s, long fd)
{
	return fd >= 0 && (size_t)fd / 64 < s->nwords && (s->bits[fd / 64] >> (fd % 64) & 1);
}

void sockfds_set(struct sockfds *s, long fd, bool is_socket)
{
	if (fd < 0 || fd > (1L << 24))
		return;
	size_t word = (size_t)fd / 64;
	if (word >= s->nwords) {
		if (!is_socket)
			return;
		size_t n = word * 2 + 1;
		uint64_t *grown = realloc(s->bits, n * sizeof(*grown));
		if (!grown)
			die_errno("realloc");
		memset(grown + s->nwords, 0, (n - s->nwords) * sizeof(*grown));
		s->bits = grown;
		s->nwords = n;
	}
	if (is_socket)
		s->bits[word] |= UINT64_C(1) << (fd % 64);
	else
		s->bits[word] &= ~(UINT64_C(1) << (fd % 64));
}

void sockfds_scan(struct sockfds *s, pid_t pid)
{
	char dir[64], path[320], target[64];
	if (s->nwords)
		memset(s->bits, 0, s->nwords * sizeof(*s->bits));
	snprintf(dir, sizeof(dir), "/proc/%d/fd", pid);
	DIR *d = opendir(dir);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		ssize_t n = readlink(path, target, sizeof(target) - 1);
		if (n > 0 && !strncmp(target, "socket:[", 8))
			sockfds_set(s, atol(e->d_name), true);
	}
	closedir(d);
}
