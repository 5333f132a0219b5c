/*
 * Generic netlink message types are family ids the kernel hands out at run time: strace names
 * them by asking the kernel for the family list once, and so do we.
 */
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "decode/netlink.h"

#define MAX_FAMILIES 128

static struct {
	uint16_t id;
	char name[GENL_NAMSIZ];
} families[MAX_FAMILIES];
static unsigned family_count;
static bool families_loaded;

/* One CTRL_CMD_NEWFAMILY answer: its CTRL_ATTR_FAMILY_ID and CTRL_ATTR_FAMILY_NAME. */
static void add_family(const struct nlmsghdr *h)
{
	const struct genlmsghdr *g = NLMSG_DATA(h);
	int left = (int)h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	if (left < 0 || g->cmd != CTRL_CMD_NEWFAMILY || g->version != 2)
		return;
	const struct nlattr *a = (const void *)((const char *)g + GENL_HDRLEN);
	const char *name = NULL;
	int id = -1;
	while (left >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= left) {
		const char *data = (const char *)a + NLA_HDRLEN;
		unsigned data_len = a->nla_len - NLA_HDRLEN;
		if (a->nla_type == CTRL_ATTR_FAMILY_NAME && !name)
			name = data;
		else if (a->nla_type == CTRL_ATTR_FAMILY_ID && id < 0 && data_len == sizeof(uint16_t))
			id = *(const uint16_t *)data;
		if (name && id >= 0 && family_count < MAX_FAMILIES) {
			families[family_count].id = (uint16_t)id;
			strncpy(families[family_count].name, name, GENL_NAMSIZ - 1);
			family_count++;
			return;
		}
		left -= NLA_ALIGN(a->nla_len);
		a = (const void *)((const char *)a + NLA_ALIGN(a->nla_len));
	}
}

static void load_families(void)
{
	families_loaded = true;
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return;
	struct {
		struct nlmsghdr h;
		struct genlmsghdr g;
	} req = {
		.h = { .nlmsg_len = sizeof req, .nlmsg_type = GENL_ID_CTRL,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
		.g = { .cmd = CTRL_CMD_GETFAMILY },
	};
	if (send(fd, &req, sizeof req, 0) != (ssize_t)sizeof req) {
		close(fd);
		return;
	}
	static char buf[32768];
	for (bool done = false; !done;) {
		ssize_t n = recv(fd, buf, sizeof buf, 0);
		if (n <= 0)
			break;
		int left = (int)n;
		for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
				done = true;
				break;
			}
			if (h->nlmsg_type == GENL_ID_CTRL)
				add_family(h);
		}
	}
	close(fd);
}

const char *genl_family_name(uint16_t id)
{
	if (!families_loaded)
		load_families();
	for (unsigned i = 0; i < family_count; i++)
		if (families[i].id == id)
			return families[i].name;
	return NULL;
}
