#include "decode/fd_link.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "decode/print.h"
#include "decode/sock_details.h"

/* The link text and whether the kernel marked the file deleted (strace's getfdpath_pid). */
static bool read_link(pid_t tid, int fd, char *buf, size_t size, bool *deleted)
{
	static const char suffix[] = " (deleted)";
	char link[64];
	snprintf(link, sizeof link, "/proc/%d/fd/%d", tid, fd);
	ssize_t n = readlink(link, buf, size - 1);
	if (n < 0)
		return false;
	buf[n] = '\0';
	*deleted = false;
	if ((size_t)n <= sizeof suffix)
		return true;
	char *tail = buf + n + 1 - sizeof suffix;
	if (strcmp(tail, suffix))
		return true;
	/* A file really named "x (deleted)" is not deleted: the link and the name agree. */
	struct stat by_link, by_name;
	if (stat(link, &by_link))
		return true;
	if (lstat(buf, &by_name) || by_link.st_ino != by_name.st_ino ||
	    by_link.st_dev != by_name.st_dev) {
		*tail = '\0';
		*deleted = true;
	}
	return true;
}

static unsigned long socket_inode(const char *link)
{
	if (strncmp(link, "socket:[", 8))
		return 0;
	char *end;
	unsigned long inode = strtoul(link + 8, &end, 10);
	return end[0] == ']' && !end[1] ? inode : 0;
}

/* The path without quotes, '<' and '>' escaped so the brackets stay unambiguous. */
static void print_link_path(struct strbuf *out, const char *path)
{
	print_quoted_ex(out, (const unsigned char *)path, strlen(path),
			QUOTE_NO_QUOTES | QUOTE_ESCAPE_ANGLES);
}

static bool print_device(struct strbuf *out, const char *path)
{
	struct stat st;
	if (path[0] != '/' || stat(path, &st) || !(S_ISBLK(st.st_mode) || S_ISCHR(st.st_mode)))
		return false;
	sb_putc(out, '<');
	print_link_path(out, path);
	sb_printf(out, "<%s %u:%u>>", S_ISBLK(st.st_mode) ? "block" : "char", major(st.st_rdev),
		  minor(st.st_rdev));
	return true;
}

/* The pid a pidfd refers to, from the "Pid:" line of its fdinfo; 0 if none. */
static long pidfd_pid(pid_t tid, int fd)
{
	char path[64], line[128];
	long pid = 0;
	snprintf(path, sizeof path, "/proc/%d/fdinfo/%d", tid, fd);
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "Pid: %ld", &pid) == 1)
			break;
	fclose(f);
	return pid;
}

static bool print_pidfd(struct strbuf *out, pid_t tid, int fd, const char *link)
{
	if (strcmp(link, "anon_inode:[pidfd]"))
		return false;
	long pid = pidfd_pid(tid, fd);
	if (pid > 0)
		sb_printf(out, "<pid:%ld>", pid);
	else
		sb_printf(out, "<%s>", link);
	return true;
}

void print_fd_link(const struct syscall_call *c, struct strbuf *out, int fd)
{
	char link[PATH_MAX + 1];
	bool deleted;
	if (fd < 0 || !read_link(c->tid, fd, link, sizeof link, &deleted))
		return;
	if (c->fd_decor >= 2) {
		unsigned long inode = socket_inode(link);
		if (inode) {
			const char *details = sock_details(c->pid, c->tid, fd, inode);
			sb_printf(out, "<%s>", details ? details : link);
			return;
		}
		if (print_device(out, link) || print_pidfd(out, c->tid, fd, link))
			return;
	}
	sb_putc(out, '<');
	print_link_path(out, link);
	sb_putc(out, '>');
	if (deleted)
		sb_puts(out, "(deleted)");
}
