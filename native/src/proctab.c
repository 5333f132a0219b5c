/* An open-addressing hash of tids: lookups happen on every stop, so they must be O(1). */
#include "proctab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "sockfds.h"

static struct tcb **slots;
static size_t nslots, nused;

static size_t slot_of(pid_t tid)
{
	return ((size_t)tid * 2654435761u) & (nslots - 1);
}

static void insert(struct tcb *t)
{
	size_t i = slot_of(t->tid);
	while (slots[i])
		i = (i + 1) & (nslots - 1);
	slots[i] = t;
}

static void grow(void)
{
	struct tcb **old = slots;
	size_t oldn = nslots;
	nslots = nslots ? nslots * 2 : 64;
	slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		die_errno("calloc");
	for (size_t i = 0; i < oldn; i++)
		if (old[i])
			insert(old[i]);
	free(old);
}

struct tcb *tcb_find(pid_t tid)
{
	if (!nslots)
		return NULL;
	for (size_t i = slot_of(tid); slots[i]; i = (i + 1) & (nslots - 1))
		if (slots[i]->tid == tid)
			return slots[i];
	return NULL;
}

struct tcb *tcb_add(pid_t tid, pid_t pid)
{
	if ((nused + 1) * 2 > nslots)
		grow();
	struct tcb *t = calloc(1, sizeof(*t));
	if (!t)
		die_errno("calloc");
	t->tid = tid;
	t->pid = pid;
	struct tcb *sib = tcb_sibling(t);
	t->sockets = sib ? sockfds_ref(sib->sockets) : sockfds_new();
	insert(t);
	nused++;
	return t;
}

void tcb_drop(struct tcb *t)
{
	size_t i = slot_of(t->tid);
	while (slots[i] != t)
		i = (i + 1) & (nslots - 1);
	slots[i] = NULL;
	/* Re-seat the rest of the probe chain so lookups never stop at the hole. */
	for (size_t j = (i + 1) & (nslots - 1); slots[j]; j = (j + 1) & (nslots - 1)) {
		struct tcb *moved = slots[j];
		slots[j] = NULL;
		insert(moved);
	}
	nused--;
	sockfds_unref(t->sockets);
	free(t);
}

int tcb_count(void)
{
	return (int)nused;
}

void tcb_for_each(void (*fn)(struct tcb *t, void *arg), void *arg)
{
	/* Collect first: fn may drop entries, which reshuffles the table. */
	struct tcb **all = malloc((nused ? nused : 1) * sizeof(*all));
	if (!all)
		die_errno("malloc");
	size_t n = 0;
	for (size_t i = 0; i < nslots; i++)
		if (slots[i])
			all[n++] = slots[i];
	for (size_t i = 0; i < n; i++)
		fn(all[i], arg);
	free(all);
}

struct tcb *tcb_sibling(const struct tcb *t)
{
	struct tcb *leader = tcb_find(t->pid);
	if (leader && leader != t)
		return leader;
	for (size_t i = 0; i < nslots; i++)
		if (slots[i] && slots[i] != t && slots[i]->pid == t->pid)
			return slots[i];
	return NULL;
}

pid_t tgid_of(pid_t tid)
{
	char path[64], line[128];
	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	FILE *f = fopen(path, "re");
	pid_t tgid = tid;
	if (!f)
		return tid;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Tgid: %d", &tgid) == 1)
			break;
	fclose(f);
	return tgid;
}
