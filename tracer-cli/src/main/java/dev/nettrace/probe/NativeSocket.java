package dev.nettrace.probe;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.nettrace.os.Errno;
import dev.nettrace.os.Libc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A non-blocking socket opened through libc, for the kinds Java cannot make: raw, ICMP datagram,
 * and any socket that needs IP_RECVERR. recvmsg parses the TTL/hop-limit and error-queue control
 * messages so callers see {@link Datagram}s, never cmsg bytes.
 */
final class NativeSocket implements AutoCloseable {
    private static final int MSGHDR = 56, IOVEC = 16, NAME = 128, CONTROL = 512, BUFFER = 65536;

    final int fd;
    final int family;
    final int type;
    final int protocol;
    private final Memory msg = new Memory(MSGHDR + IOVEC + NAME + CONTROL + BUFFER);
    private boolean closed;

    private NativeSocket(int fd, int family, int type, int protocol) {
        this.fd = fd;
        this.family = family;
        this.type = type;
        this.protocol = protocol;
    }

    /** Opens a socket; a refusal for lack of privilege becomes {@link NoPrivilegeException}. */
    static NativeSocket open(int family, int type, int protocol) {
        try {
            int fd = Libc.socket(family, type | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, protocol);
            return new NativeSocket(fd, family, type, protocol);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EPERM || e.getErrorCode() == Errno.EACCES) {
                throw new NoPrivilegeException(describe(family, type, protocol));
            }
            throw new ProbeException("socket(" + describe(family, type, protocol) + "): " + Errno.name(e.getErrorCode()));
        }
    }

    static NativeSocket open(InetAddress forTarget, int type, int protocol) {
        return open(SockAddr.family(forTarget), type, protocol);
    }

    private static String describe(int family, int type, int protocol) {
        String f = family == Libc.AF_INET6 ? "AF_INET6" : family == Libc.AF_PACKET ? "AF_PACKET" : "AF_INET";
        String t = type == Libc.SOCK_RAW ? "SOCK_RAW" : type == Libc.SOCK_DGRAM ? "SOCK_DGRAM" : "SOCK_STREAM";
        return f + ", " + t + ", " + protocol;
    }

    boolean isV6() {
        return family == Libc.AF_INET6;
    }

    void setInt(int level, int name, int value) {
        try {
            Libc.setsockopt(fd, level, name, Libc.intBytes(value), 4);
        } catch (LastErrorException e) {
            throw new ProbeException("setsockopt(" + level + ", " + name + "): " + Errno.name(e.getErrorCode()));
        }
    }

    int getInt(int level, int name) {
        byte[] v = new byte[4];
        try {
            Libc.getsockopt(fd, level, name, v, new int[] {4});
        } catch (LastErrorException e) {
            throw new ProbeException("getsockopt(" + level + ", " + name + "): " + Errno.name(e.getErrorCode()));
        }
        return Libc.intOf(v);
    }

    /** TTL (IPv4) or hop limit (IPv6) of the packets this socket sends from now on. */
    void setTtl(int ttl) {
        if (isV6()) setInt(Libc.SOL_IPV6, Libc.IPV6_UNICAST_HOPS, ttl);
        else setInt(Libc.SOL_IP, Libc.IP_TTL, ttl);
    }

    /** Asks for ICMP errors on the error queue and the TTL of every received packet. */
    void enableErrorsAndTtl() {
        if (isV6()) {
            setInt(Libc.SOL_IPV6, Libc.IPV6_RECVERR, 1);
            setInt(Libc.SOL_IPV6, Libc.IPV6_RECVHOPLIMIT, 1);
        } else {
            setInt(Libc.SOL_IP, Libc.IP_RECVERR, 1);
            setInt(Libc.SOL_IP, Libc.IP_RECVTTL, 1);
        }
    }

    void receiveTtl() {
        if (isV6()) setInt(Libc.SOL_IPV6, Libc.IPV6_RECVHOPLIMIT, 1);
        else setInt(Libc.SOL_IP, Libc.IP_RECVTTL, 1);
    }

    /** Don't fragment, and don't let the cached path MTU shrink what we send (tracepath's mode). */
    void setDontFragmentProbe() {
        if (isV6()) setInt(Libc.SOL_IPV6, Libc.IPV6_MTU_DISCOVER, Libc.IP_PMTUDISC_PROBE);
        else setInt(Libc.SOL_IP, Libc.IP_MTU_DISCOVER, Libc.IP_PMTUDISC_PROBE);
    }

    void bind(InetAddress addr, int port) {
        byte[] sa = SockAddr.encode(addr, port);
        try {
            Libc.bind(fd, sa, sa.length);
        } catch (LastErrorException e) {
            throw new ProbeException("bind(" + Addresses.text(addr) + ":" + port + "): " + Errno.name(e.getErrorCode()));
        }
    }

    /** Starts a connect; returns 0 when done at once, else the errno (EINPROGRESS for a pending one). */
    int connect(InetAddress addr, int port) {
        byte[] sa = SockAddr.encode(addr, port);
        try {
            Libc.connect(fd, sa, sa.length);
            return 0;
        } catch (LastErrorException e) {
            return e.getErrorCode();
        }
    }

    InetSocketAddress localAddress() {
        byte[] sa = new byte[128];
        try {
            Libc.getsockname(fd, sa, new int[] {sa.length});
        } catch (LastErrorException e) {
            throw new ProbeException("getsockname: " + Errno.name(e.getErrorCode()));
        }
        return SockAddr.decode(sa, 0);
    }

    /**
     * Sends one datagram; returns the System.nanoTime() just before the call. An ICMP error that
     * arrived for an earlier probe is left pending on the socket (sk_err) and fails the next send
     * once, being consumed by it; so a send is retried once, and only a second failure is real.
     */
    long sendTo(byte[] data, InetAddress to, int port) throws IOException {
        byte[] sa = SockAddr.encode(to, port);
        for (int attempt = 1; ; attempt++) {
            long t = System.nanoTime();
            try {
                Libc.sendto(fd, data, data.length, 0, sa, sa.length);
                return t;
            } catch (LastErrorException e) {
                if (attempt == 2 || e.getErrorCode() == Errno.EPERM || e.getErrorCode() == Errno.EACCES) {
                    throw new IOException("sendto " + Addresses.text(to) + ": " + Errno.name(e.getErrorCode()), e);
                }
            }
        }
    }

    /** Sends on a socket that needs no address (netlink to the kernel, a connected socket). */
    void send(byte[] data) throws IOException {
        try {
            Libc.send(fd, data, data.length, 0);
        } catch (LastErrorException e) {
            throw new IOException("send: " + Errno.name(e.getErrorCode()), e);
        }
    }

    /** Returns the next queued datagram (or error-queue entry), or null when none is waiting. */
    Datagram receive(boolean errorQueue) {
        Pointer p = msg;
        long iov = MSGHDR, name = MSGHDR + IOVEC, control = name + NAME, buffer = control + CONTROL;
        msg.clear(MSGHDR + IOVEC + NAME + CONTROL);
        p.setPointer(0, p.share(name));
        p.setInt(8, NAME);
        p.setPointer(16, p.share(iov));
        p.setLong(24, 1);
        p.setPointer(32, p.share(control));
        p.setLong(40, CONTROL);
        p.setPointer(iov, p.share(buffer));
        p.setLong(iov + 8, BUFFER);
        long n;
        try {
            n = Libc.recvmsg(fd, p, Libc.MSG_DONTWAIT | (errorQueue ? Libc.MSG_ERRQUEUE : 0));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EAGAIN) return null;
            // Without IP_RECVERR an ICMP error surfaces as a failed recv; it is not a datagram.
            return null;
        }
        long now = System.nanoTime();
        byte[] data = p.getByteArray(buffer, (int) Math.min(n, BUFFER));
        InetSocketAddress from = p.getInt(8) >= 8 && family != Libc.AF_NETLINK ? SockAddr.decode(p.getByteArray(name, NAME), 0) : null;
        int ttl = -1;
        ExtendedError err = null;
        long controlLen = p.getLong(40);
        for (long off = 0; off + 16 <= controlLen; ) {
            long cmsgLen = p.getLong(control + off);
            if (cmsgLen < 16) break;
            int level = p.getInt(control + off + 8), ctype = p.getInt(control + off + 12);
            long d = control + off + 16;
            if ((level == Libc.SOL_IP && ctype == Libc.IP_TTL) || (level == Libc.SOL_IPV6 && ctype == Libc.IPV6_HOPLIMIT)) {
                ttl = p.getInt(d);
            } else if ((level == Libc.SOL_IP && ctype == Libc.IP_RECVERR) || (level == Libc.SOL_IPV6 && ctype == Libc.IPV6_RECVERR)) {
                InetSocketAddress offender = cmsgLen >= 16 + 16 + 8 ? SockAddr.decode(p.getByteArray(d + 16, 28), 0) : null;
                err = new ExtendedError(p.getInt(d), p.getByte(d + 4) & 0xff, p.getByte(d + 5) & 0xff,
                        p.getByte(d + 6) & 0xff, p.getInt(d + 8), offender == null ? null : offender.getAddress());
            }
            off += (cmsgLen + 7) & ~7L;
        }
        if (!errorQueue && type == Libc.SOCK_RAW && family == Libc.AF_INET && data.length >= 20) {
            // IPv4 raw sockets deliver the IP header: take TTL and source from it, hand on the rest.
            int ihl = (data[0] & 0x0f) * 4;
            ttl = data[8] & 0xff;
            from = new InetSocketAddress(SockAddr.address(SockAddr.slice(data, 12, 4)), 0);
            data = SockAddr.slice(data, ihl, data.length - ihl);
        }
        return new Datagram(data, from, ttl, now, err);
    }

    /** Waits up to timeoutMs for any of the sockets to have data or errors; returns the ready ones' flags. */
    static short[] poll(List<NativeSocket> sockets, int timeoutMs) {
        Memory fds = new Memory(8L * sockets.size());
        for (int i = 0; i < sockets.size(); i++) {
            fds.setInt(8L * i, sockets.get(i).fd);
            fds.setShort(8L * i + 4, (short) (Libc.POLLIN | Libc.POLLERR));
            fds.setShort(8L * i + 6, (short) 0);
        }
        try {
            Libc.poll(fds, sockets.size(), Math.max(0, timeoutMs));
        } catch (LastErrorException e) {
            // EINTR: report nothing ready; callers loop on their own deadlines.
        }
        short[] ready = new short[sockets.size()];
        for (int i = 0; i < ready.length; i++) ready[i] = fds.getShort(8L * i + 6);
        return ready;
    }

    /** Waits for a pending connect; true when it completed (check SO_ERROR), false on timeout. */
    boolean awaitWritable(int timeoutMs) {
        Memory pfd = new Memory(8);
        pfd.setInt(0, fd);
        pfd.setShort(4, Libc.POLLOUT);
        pfd.setShort(6, (short) 0);
        try {
            return Libc.poll(pfd, 1, timeoutMs) > 0;
        } catch (LastErrorException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }
}
