package dev.nettrace.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libc calls nettrace makes itself (probe sockets, netlink, namespaces). jna-platform has no
 * socket API, so they are declared here, bound by JNA direct mapping: no reflection per call,
 * which matters for sock_diag lookups that must cost microseconds. size_t/ssize_t are long
 * (x86_64 LP64), sockaddrs and option values travel as byte arrays in native (little-endian) order.
 */
public final class Libc {
    static {
        JnaStartup.prepare();
        // The versioned soname: plain "c" makes JNA try libc.so (a linker script), then run ldconfig -p.
        Native.register("libc.so.6");
    }

    private Libc() {}

    public static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16, AF_PACKET = 17;
    public static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_NONBLOCK = 04000, SOCK_CLOEXEC = 02000000;
    public static final int IPPROTO_IP = 0, IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_ICMPV6 = 58;
    public static final int SOL_SOCKET = 1, SO_ERROR = 4, SO_RCVBUF = 8, SO_LINGER = 13, SO_PEERCRED = 17, SO_RCVTIMEO = 20, SO_COOKIE = 57;
    public static final int SOL_IP = 0, IP_TTL = 2, IP_MTU_DISCOVER = 10, IP_RECVERR = 11, IP_RECVTTL = 12, IP_PMTUDISC_DO = 2, IP_PMTUDISC_PROBE = 3;
    public static final int SOL_IPV6 = 41, IPV6_UNICAST_HOPS = 16, IPV6_MTU_DISCOVER = 23, IPV6_RECVERR = 25, IPV6_RECVHOPLIMIT = 51, IPV6_HOPLIMIT = 52;
    public static final int TCP_INFO = 11;
    public static final int SOL_NETLINK = 270, NETLINK_ADD_MEMBERSHIP = 1;
    public static final int MSG_DONTWAIT = 0x40, MSG_ERRQUEUE = 0x2000, MSG_NOSIGNAL = 0x4000;
    public static final int SHUT_RDWR = 2;
    public static final short POLLIN = 1, POLLOUT = 4, POLLERR = 8;
    public static final int O_RDONLY = 0, O_CLOEXEC = 02000000;
    public static final int CLONE_NEWNET = 0x40000000;
    public static final int ETH_P_ALL = 0x0003;
    public static final long SYS_PIDFD_OPEN = 434, SYS_PIDFD_GETFD = 438;

    public static native int socket(int domain, int type, int protocol) throws LastErrorException;

    public static native int bind(int fd, byte[] addr, int len) throws LastErrorException;

    public static native int connect(int fd, byte[] addr, int len) throws LastErrorException;

    public static native int getsockname(int fd, byte[] addr, int[] len) throws LastErrorException;

    public static native int getpeername(int fd, byte[] addr, int[] len) throws LastErrorException;

    public static native int setsockopt(int fd, int level, int name, byte[] value, int len) throws LastErrorException;

    public static native int getsockopt(int fd, int level, int name, byte[] value, int[] len) throws LastErrorException;

    /** For options made of ints (SO_PEERCRED's struct ucred). */
    public static native int getsockopt(int fd, int level, int name, int[] value, int[] len) throws LastErrorException;

    public static native int listen(int fd, int backlog) throws LastErrorException;

    public static native int accept4(int fd, Pointer addr, Pointer len, int flags) throws LastErrorException;

    public static native int shutdown(int fd, int how) throws LastErrorException;

    public static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrLen) throws LastErrorException;

    public static native long send(int fd, byte[] buf, long len, int flags) throws LastErrorException;

    public static native long send(int fd, Pointer buf, long len, int flags) throws LastErrorException;

    public static native long read(int fd, Pointer buf, long count) throws LastErrorException;

    public static native long recv(int fd, Pointer buf, long len, int flags) throws LastErrorException;

    public static native long recvmsg(int fd, Pointer msghdr, int flags) throws LastErrorException;

    public static native int poll(Pointer fds, long nfds, int timeoutMs) throws LastErrorException;

    /** One struct pollfd as two ints: fd, then events | revents << 16 (little-endian). */
    public static native int poll(int[] fd, long nfds, int timeoutMs) throws LastErrorException;

    public static native int close(int fd);

    public static native int open(String path, int flags) throws LastErrorException;

    public static native int setns(int fd, int nstype) throws LastErrorException;

    public static native long syscall(long number, long a, long b, long c) throws LastErrorException;

    /** An int as setsockopt wants it. */
    public static byte[] intBytes(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    /** An int as getsockopt returns it. */
    public static int intOf(byte[] b) {
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }
}
