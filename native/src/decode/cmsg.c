/* Control messages: SCM_RIGHTS, SCM_CREDENTIALS, timestamps and the SOL_IP ones strace decodes. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "decode/cmsg.h"
#include "decode/print.h"
#include "decode/sockaddr.h"
#include "decode/xlat.h"

/* x86_64 values, whatever the C library's headers call them. */
enum {
	SCM_TIMESTAMP_OLD = 29, SCM_TIMESTAMPNS_OLD = 35, SCM_TIMESTAMPING_OLD = 37,
	SCM_TIMESTAMP_NEW = 63, SCM_TIMESTAMPNS_NEW = 64, SCM_TIMESTAMPING_NEW = 65,
	CMSG_SECURITY = 3,
};

/* Everything one control message printer needs to know. */
struct cmsg_ctx {
	const struct syscall_call *c;
	struct strbuf *out;
	const unsigned char *data;
	unsigned len;
};

enum array_style { AS_FD, AS_UINT, AS_HEX_BYTE };

/* [a, b, ...] with strace's cut after -s elements. */
static void print_int_array(const struct cmsg_ctx *m, enum array_style style)
{
	size_t elem = style == AS_HEX_BYTE ? 1 : sizeof(int);
	size_t n = m->len / elem, max = (size_t)(m->c->strsize < 0 ? 0 : m->c->strsize);
	sb_putc(m->out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_puts(m->out, ", ");
		if (i >= max) {
			sb_puts(m->out, "...");
			break;
		}
		uint32_t v;
		if (style == AS_HEX_BYTE) {
			sb_printf(m->out, "%#x", m->data[i]);
			continue;
		}
		memcpy(&v, m->data + i * elem, sizeof v);
		if (style == AS_FD)
			print_fd(m->c, m->out, v);
		else
			sb_printf(m->out, "%u", v);
	}
	sb_putc(m->out, ']');
}

static void print_rights(const struct cmsg_ctx *m)
{
	print_int_array(m, AS_FD);
}

static void print_uints(const struct cmsg_ctx *m)
{
	print_int_array(m, AS_UINT);
}

static void print_bytes_hex(const struct cmsg_ctx *m)
{
	print_int_array(m, AS_HEX_BYTE);
}

static void print_id(struct strbuf *out, uint32_t id)
{
	if (id == UINT32_MAX)
		sb_puts(out, "-1");
	else
		sb_printf(out, "%u", id);
}

static void print_creds(const struct cmsg_ctx *m)
{
	struct ucred uc;
	memcpy(&uc, m->data, sizeof uc);
	sb_printf(m->out, "{pid=%d, uid=", uc.pid);
	print_id(m->out, uc.uid);
	sb_puts(m->out, ", gid=");
	print_id(m->out, uc.gid);
	sb_putc(m->out, '}');
}

static void print_security(const struct cmsg_ctx *m)
{
	print_quoted(m->out, m->data, m->len, false);
}

/* A timeval or timespec of `word`-byte fields: {tv_sec=S, tv_usec=U}. */
static const unsigned char *print_time(const struct cmsg_ctx *m, const unsigned char *p,
				       size_t word, const char *sub)
{
	long long sec;
	unsigned long long frac;
	if (word == 4) {
		int32_t s;
		uint32_t f;
		memcpy(&s, p, 4);
		memcpy(&f, p + 4, 4);
		sec = s;
		frac = f;
	} else {
		int64_t s;
		uint64_t f;
		memcpy(&s, p, 8);
		memcpy(&f, p + 8, 8);
		sec = s;
		frac = f;
	}
	sb_printf(m->out, "{tv_sec=%lld, %s=%llu}", sec, sub, frac);
	return p + 2 * word;
}

/* count timevals/timespecs; "???" when the data is too short, as strace. */
static void print_times(const struct cmsg_ctx *m, size_t word, const char *sub, unsigned count,
			bool array)
{
	if (m->len < count * 2 * word) {
		sb_puts(m->out, "???");
		return;
	}
	const unsigned char *p = m->data;
	if (array)
		sb_putc(m->out, '[');
	for (unsigned i = 0; i < count; i++) {
		if (i)
			sb_puts(m->out, ", ");
		p = print_time(m, p, word, sub);
	}
	if (array)
		sb_putc(m->out, ']');
}

static size_t kernel_long(const struct cmsg_ctx *m)
{
	return m->c->compat32 ? 4 : 8;
}

static void print_timestamp_old(const struct cmsg_ctx *m)
{
	print_times(m, kernel_long(m), "tv_usec", 1, false);
}

static void print_timestampns_old(const struct cmsg_ctx *m)
{
	print_times(m, kernel_long(m), "tv_nsec", 1, false);
}

static void print_timestamping_old(const struct cmsg_ctx *m)
{
	print_times(m, kernel_long(m), "tv_nsec", 3, true);
}

static void print_timestamp_new(const struct cmsg_ctx *m)
{
	print_times(m, 8, "tv_usec", 1, false);
}

static void print_timestampns_new(const struct cmsg_ctx *m)
{
	print_times(m, 8, "tv_nsec", 1, false);
}

static void print_timestamping_new(const struct cmsg_ctx *m)
{
	print_times(m, 8, "tv_nsec", 3, true);
}

static void print_in_addr(struct strbuf *out, const char *field, const void *addr)
{
	char ip[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, addr, ip, sizeof ip);
	sb_printf(out, "%s=inet_addr(\"%s\")", field, ip);
}

static void print_pktinfo(const struct cmsg_ctx *m)
{
	struct in_pktinfo info;
	memcpy(&info, m->data, sizeof info);
	sb_puts(m->out, "{ipi_ifindex=");
	print_ifindex(m->out, (unsigned)info.ipi_ifindex);
	sb_puts(m->out, ", ");
	print_in_addr(m->out, "ipi_spec_dst", &info.ipi_spec_dst);
	sb_puts(m->out, ", ");
	print_in_addr(m->out, "ipi_addr", &info.ipi_addr);
	sb_putc(m->out, '}');
}

/* struct sock_extended_err followed by the offender's address. */
struct sock_ee {
	uint32_t ee_errno;
	uint8_t ee_origin, ee_type, ee_code, ee_pad;
	uint32_t ee_info, ee_data;
	struct sockaddr_in offender;
};

static void print_recverr(const struct cmsg_ctx *m)
{
	struct sock_ee ee;
	memcpy(&ee, m->data, sizeof ee);
	sb_printf(m->out, "{ee_errno=%u, ee_origin=%u, ee_type=%u, ee_code=%u, ee_info=%u, "
		  "ee_data=%u, offender=", ee.ee_errno, ee.ee_origin, ee.ee_type, ee.ee_code,
		  ee.ee_info, ee.ee_data);
	print_sockaddr(m->out, &ee.offender, sizeof ee.offender);
	sb_putc(m->out, '}');
}

static void print_origdstaddr(const struct cmsg_ctx *m)
{
	struct sockaddr_storage ss;
	unsigned len = m->len > sizeof ss ? (unsigned)sizeof ss : m->len;
	memset(&ss, 0, sizeof ss);
	memcpy(&ss, m->data, len);
	print_sockaddr(m->out, &ss, (int)len);
}

typedef void (*cmsg_printer)(const struct cmsg_ctx *m);

struct cmsg_decoder {
	cmsg_printer print;
	unsigned min_len;
};

static const struct cmsg_decoder socket_decoders[] = {
	[SCM_RIGHTS] = { print_rights, sizeof(int) },
	[SCM_CREDENTIALS] = { print_creds, sizeof(struct ucred) },
	[CMSG_SECURITY] = { print_security, 1 },
	[SCM_TIMESTAMP_OLD] = { print_timestamp_old, 1 },
	[SCM_TIMESTAMPNS_OLD] = { print_timestampns_old, 1 },
	[SCM_TIMESTAMPING_OLD] = { print_timestamping_old, 1 },
	[SCM_TIMESTAMP_NEW] = { print_timestamp_new, 1 },
	[SCM_TIMESTAMPNS_NEW] = { print_timestampns_new, 1 },
	[SCM_TIMESTAMPING_NEW] = { print_timestamping_new, 1 },
};

static const struct cmsg_decoder ip_decoders[] = {
	[IP_PKTINFO] = { print_pktinfo, sizeof(struct in_pktinfo) },
	[IP_TTL] = { print_uints, sizeof(unsigned) },
	[IP_TOS] = { print_bytes_hex, 1 },
	[IP_RECVOPTS] = { print_bytes_hex, 1 },
	[IP_RETOPTS] = { print_bytes_hex, 1 },
	[IP_RECVERR] = { print_recverr, sizeof(struct sock_ee) },
	[IP_ORIGDSTADDR] = { print_origdstaddr, sizeof(struct sockaddr_in) },
	[IP_CHECKSUM] = { print_uints, sizeof(unsigned) },
	[CMSG_SECURITY] = { print_security, 1 },
};

static void print_type_and_data(const struct cmsg_ctx *m, int level, int type)
{
	const struct cmsg_decoder *decoders;
	size_t count;
	switch (level) {
	case SOL_SOCKET:
		print_xval(m->out, &xlat_scmvals, (unsigned)type, "SCM_???");
		decoders = socket_decoders;
		count = sizeof socket_decoders / sizeof socket_decoders[0];
		break;
	case SOL_IP:
		print_xval(m->out, &xlat_ip_cmsg_types, (unsigned)type, "IP_???");
		decoders = ip_decoders;
		count = sizeof ip_decoders / sizeof ip_decoders[0];
		break;
	default:
		sb_printf(m->out, "%#x", (unsigned)type);
		return;
	}
	unsigned utype = (unsigned)type;
	if (utype < count && decoders[utype].print && m->len >= decoders[utype].min_len) {
		sb_puts(m->out, ", cmsg_data=");
		decoders[utype].print(m);
	}
}

/* The kernel's limit on control data; strace reads no more than this. */
static unsigned optmem_max(void)
{
	static unsigned cached;
	if (cached)
		return cached;
	int val = 0;
	FILE *f = fopen("/proc/sys/net/core/optmem_max", "r");
	if (f) {
		if (fscanf(f, "%d", &val) != 1)
			val = 0;
		fclose(f);
	}
	if (val <= 0)
		cached = (unsigned)(sizeof(long long) * (2 * 1024 + 512));
	else
		cached = ((unsigned)val + sizeof(long long) - 1) & ~(unsigned)(sizeof(long long) - 1);
	return cached;
}

void print_cmsgs(struct syscall_call *c, struct strbuf *out, unsigned long addr,
		 unsigned long controllen)
{
	size_t word = c->compat32 ? 4 : 8;
	/* cmsg_len is a size_t: 12-byte headers on i386, 16 on x86_64. */
	unsigned hdr = (unsigned)(word + 2 * sizeof(int));
	unsigned control_len = controllen > optmem_max() ? optmem_max() : (unsigned)controllen;
	unsigned left = control_len;
	unsigned char *buf = left < hdr ? NULL : malloc(left);
	if (!buf || tracee_read(c->tid, addr, buf, left) < 0) {
		print_addr(out, addr);
		free(buf);
		return;
	}
	unsigned char *p = buf;
	sb_putc(out, '[');
	while (left >= hdr) {
		unsigned long cmsg_len;
		if (word == 4) {
			uint32_t l;
			memcpy(&l, p, 4);
			cmsg_len = l;
		} else {
			memcpy(&cmsg_len, p, 8);
		}
		int level, type;
		memcpy(&level, p + word, sizeof level);
		memcpy(&type, p + word + sizeof level, sizeof type);
		if (p != buf)
			sb_puts(out, ", ");
		sb_printf(out, "{cmsg_len=%lu, cmsg_level=", cmsg_len);
		print_xval(out, &xlat_socketlayers, (unsigned)level, "SOL_???");
		sb_puts(out, ", cmsg_type=");
		unsigned long len = cmsg_len > left ? left : cmsg_len;
		struct cmsg_ctx m = { c, out, p + hdr, len > hdr ? (unsigned)(len - hdr) : 0 };
		print_type_and_data(&m, level, type);
		sb_putc(out, '}');
		if (len < hdr) {
			left -= hdr;
			break;
		}
		len = (cmsg_len + word - 1) & ~(unsigned long)(word - 1);
		if (len >= left) {
			left = 0;
			break;
		}
		p += len;
		left -= (unsigned)len;
	}
	if (left)
		sb_printf(out, ", ... /* %#lx */", addr + (control_len - left));
	else if (control_len < controllen)
		sb_puts(out, ", ...");
	sb_putc(out, ']');
	free(buf);
}
