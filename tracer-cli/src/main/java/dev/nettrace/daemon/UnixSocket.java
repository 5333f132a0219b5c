package dev.nettrace.daemon;

import static dev.nettrace.os.Libc.AF_UNIX;
import static dev.nettrace.os.Libc.MSG_DONTWAIT;
import static dev.nettrace.os.Libc.MSG_NOSIGNAL;
import static dev.nettrace.os.Libc.POLLIN;
import static dev.nettrace.os.Libc.POLLOUT;
import static dev.nettrace.os.Libc.SOCK_CLOEXEC;
import static dev.nettrace.os.Libc.SOCK_STREAM;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import dev.nettrace.os.Errno;
import dev.nettrace.os.Libc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A Unix stream socket driven through libc. The JDK's UnixDomainSocketAddress channels hide the
 * descriptor, and its SO_PEERCRED drops the peer's pid, which the daemon needs to hold an agent
 * to reporting for its own process only; so the server side talks to the kernel directly.
 */
final class UnixSocket implements AutoCloseable {
    private static final int SUN_PATH_MAX = 107;

    /** Who is at the other end, as the kernel recorded it at connect time. */
    record Peer(int pid, int uid, int gid) {}

    private final int fd;
    private volatile boolean closed;

    private UnixSocket(int fd) {
        this.fd = fd;
    }

    /** Binds PATH but does not listen yet, so permissions can be set before anyone connects. */
    static UnixSocket bound(Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length > SUN_PATH_MAX) throw new IOException("socket path longer than " + SUN_PATH_MAX + " bytes: " + path);
        byte[] addr = new byte[2 + name.length + 1];
        addr[0] = AF_UNIX; // sa_family_t, little-endian
        System.arraycopy(name, 0, addr, 2, name.length);
        int fd;
        try {
            fd = Libc.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("socket(AF_UNIX): " + strerror(e));
        }
        try {
            Libc.bind(fd, addr, addr.length);
        } catch (LastErrorException e) {
            closeQuietly(fd);
            throw new IOException("cannot bind " + path + ": " + strerror(e));
        }
        return new UnixSocket(fd);
    }

    void listen(int backlog) throws IOException {
        try {
            Libc.listen(fd, backlog);
        } catch (LastErrorException e) {
            throw new IOException("listen: " + strerror(e));
        }
    }

    /** Blocks for the next client; null once this socket has been shut down. */
    UnixSocket accept() throws IOException {
        while (true) {
            try {
                return new UnixSocket(Libc.accept4(fd, null, null, SOCK_CLOEXEC));
            } catch (LastErrorException e) {
                if (closed) return null;
                int err = e.getErrorCode();
                // ECONNABORTED and friends concern one client, not the listener.
                if (err == Errno.EINTR || err == 103 || err == 71 || err == Errno.EAGAIN) continue;
                if (err == 24 || err == 23 || err == 105 || err == 12) { // EMFILE ENFILE ENOBUFS ENOMEM: wait, then retry
                    sleepQuietly(50);
                    continue;
                }
                throw new IOException("accept: " + strerror(e));
            }
        }
    }

    Peer peer() throws IOException {
        int[] cred = new int[3];
        int[] len = {12};
        try {
            Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_PEERCRED, cred, len);
        } catch (LastErrorException e) {
            throw new IOException("SO_PEERCRED: " + strerror(e));
        }
        return new Peer(cred[0], cred[1], cred[2]);
    }

    /** Waits up to timeoutMs for input; true when a read will not block. */
    boolean awaitReadable(int timeoutMs) throws IOException {
        return await(POLLIN, timeoutMs);
    }

    private boolean await(short events, int timeoutMs) throws IOException {
        int[] pfd = {fd, events}; // struct pollfd {int fd; short events; short revents;} on little-endian
        while (true) {
            try {
                return Libc.poll(pfd, 1, Math.max(0, timeoutMs)) > 0;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) throw new IOException("poll: " + strerror(e));
            }
        }
    }

    /** Reads what is there into buf (at most count bytes); -1 at end of stream. */
    int read(Memory buf, int count) throws IOException {
        while (true) {
            try {
                long n = Libc.read(fd, buf, count);
                return n == 0 ? -1 : (int) n;
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.EINTR) continue;
                if (closed) return -1;
                throw new IOException("read: " + strerror(e));
            }
        }
    }

    /**
     * Sends all of data without ever waiting: the daemon must not be held by a client that stops
     * reading. Returns false if the client's receive buffer is full (the caller drops the client).
     */
    boolean sendNow(byte[] data) throws IOException {
        long n;
        try {
            n = Libc.send(fd, data, data.length, MSG_DONTWAIT | MSG_NOSIGNAL);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EAGAIN) return false;
            throw new IOException("send: " + strerror(e));
        }
        return n == data.length;
    }

    /**
     * Sends all of data, waiting for the client to make room at most until deadlineMs (epoch
     * ms); false if it did not read in time.
     */
    boolean sendAll(byte[] data, long deadlineMs) throws IOException {
        Memory mem = new Memory(Math.max(1, data.length));
        mem.write(0, data, 0, data.length);
        long off = 0;
        while (off < data.length) {
            try {
                off += Libc.send(fd, mem.share(off), data.length - off, MSG_DONTWAIT | MSG_NOSIGNAL);
                continue;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EAGAIN && e.getErrorCode() != Errno.EINTR) throw new IOException("send: " + strerror(e));
            }
            long left = deadlineMs - System.currentTimeMillis();
            if (left <= 0 || !await(POLLOUT, (int) Math.min(left, Integer.MAX_VALUE))) return false;
        }
        return true;
    }

    /** Wakes any thread blocked on this socket; the descriptor stays valid until close(). */
    void shutdown() {
        closed = true;
        try {
            Libc.shutdown(fd, Libc.SHUT_RDWR);
        } catch (LastErrorException ignored) {
            // already disconnected
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(fd);
    }

    private static void closeQuietly(int fd) {
        Libc.close(fd); // nothing useful to do about a failing close
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String strerror(LastErrorException e) {
        String m = e.getMessage();
        int bracket = m == null ? -1 : m.indexOf("] ");
        return bracket >= 0 ? m.substring(bracket + 2) : "errno " + e.getErrorCode();
    }
}
