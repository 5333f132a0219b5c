package dev.nettrace.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc calls netlink and namespaces need, bound directly (JNA direct mapping: no
 * reflection per call, which matters for lookups that must cost microseconds).
 */
final class LibC {
    static {
        Native.register("c");
    }

    private LibC() {}

    static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16;
    static final int SOCK_RAW = 3, SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1, SO_RCVTIMEO = 20, SO_RCVBUF = 8, SO_COOKIE = 57;
    static final int SOL_NETLINK = 270, NETLINK_ADD_MEMBERSHIP = 1;
    static final int IPPROTO_TCP = 6, TCP_INFO = 11;
    static final int O_RDONLY = 0, O_CLOEXEC = 02000000;
    static final int CLONE_NEWNET = 0x40000000;
    static final long SYS_PIDFD_OPEN = 434, SYS_PIDFD_GETFD = 438;

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int bind(int fd, byte[] addr, int len) throws LastErrorException;

    static native long send(int fd, byte[] buf, long len, int flags) throws LastErrorException;

    static native long recv(int fd, Pointer buf, long len, int flags) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, byte[] value, int len) throws LastErrorException;

    static native int getsockopt(int fd, int level, int name, byte[] value, int[] len) throws LastErrorException;

    static native int getsockname(int fd, byte[] addr, int[] len) throws LastErrorException;

    static native int getpeername(int fd, byte[] addr, int[] len) throws LastErrorException;

    static native int close(int fd);

    static native int open(String path, int flags) throws LastErrorException;

    static native int setns(int fd, int nstype) throws LastErrorException;

    static native long syscall(long number, long a, long b, long c) throws LastErrorException;

    static byte[] intBytes(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }
}
