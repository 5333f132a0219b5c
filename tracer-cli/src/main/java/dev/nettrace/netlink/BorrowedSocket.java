package dev.nettrace.netlink;

import com.sun.jna.LastErrorException;
import dev.nettrace.os.Libc;
import dev.nettrace.timeline.Endpoint;
import dev.nettrace.timeline.KernelView;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A duplicate of another process's socket descriptor (pidfd_getfd, ptrace access needed), for
 * what only the socket itself knows: its local address when no call showed it, its cookie, and
 * tcp_info even in another namespace. Closing the duplicate leaves the process's socket alone.
 * Never reads SO_ERROR: that would consume the error the process is about to read.
 */
public final class BorrowedSocket implements AutoCloseable {
    private final int fd;

    private BorrowedSocket(int fd) {
        this.fd = fd;
    }

    /** Borrows descriptor {@code fd} of {@code pid}; throws NetlinkException if it is gone or not ours to take. */
    public static BorrowedSocket borrow(int pid, int fd) {
        int pidfd;
        try {
            pidfd = (int) Libc.syscall(Libc.SYS_PIDFD_OPEN, pid, 0, 0);
        } catch (LastErrorException e) {
            throw new NetlinkException("pidfd_open " + pid, e.getErrorCode());
        }
        try {
            return new BorrowedSocket((int) Libc.syscall(Libc.SYS_PIDFD_GETFD, pidfd, fd, 0));
        } catch (LastErrorException e) {
            throw new NetlinkException("pidfd_getfd " + pid + "/" + fd, e.getErrorCode());
        } finally {
            Libc.close(pidfd);
        }
    }

    public Endpoint local() {
        byte[] sa = new byte[128];
        int[] len = {sa.length};
        try {
            Libc.getsockname(fd, sa, len);
        } catch (LastErrorException e) {
            return null;
        }
        return sockaddr(sa, len[0]);
    }

    public Endpoint remote() {
        byte[] sa = new byte[128];
        int[] len = {sa.length};
        try {
            Libc.getpeername(fd, sa, len);
        } catch (LastErrorException e) {
            return null;
        }
        return sockaddr(sa, len[0]);
    }

    public long cookie() {
        byte[] v = new byte[8];
        try {
            Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_COOKIE, v, new int[] {8});
        } catch (LastErrorException e) {
            return 0;
        }
        return ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** tcp_info, or null if this is not a TCP socket. */
    public KernelView tcpInfo() {
        byte[] v = new byte[TcpInfoLayout.SIZE];
        int[] len = {v.length};
        try {
            Libc.getsockopt(fd, Libc.IPPROTO_TCP, Libc.TCP_INFO, v, len);
        } catch (LastErrorException e) {
            return null;
        }
        return TcpInfoLayout.read(ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN), 0, len[0]);
    }

    /** AF_INET / AF_INET6 socket addresses; null for others (unix, netlink) and unbound sockets' empty names. */
    static Endpoint sockaddr(byte[] sa, int len) {
        if (len < 2) return null;
        int family = (sa[0] & 0xff) | (sa[1] & 0xff) << 8;
        int port = (sa[2] & 0xff) << 8 | (sa[3] & 0xff);
        if (family == Libc.AF_INET && len >= 8) {
            return Endpoint.of(java.util.Arrays.copyOfRange(sa, 4, 8), port);
        }
        if (family == Libc.AF_INET6 && len >= 24) {
            return Endpoint.of(java.util.Arrays.copyOfRange(sa, 8, 24), port);
        }
        return null;
    }

    @Override
    public void close() {
        Libc.close(fd);
    }
}
