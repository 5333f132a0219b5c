package dev.nettrace.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import dev.nettrace.os.Errno;
import dev.nettrace.os.Libc;
import dev.nettrace.os.Netns;
import dev.nettrace.os.NetnsException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A netlink socket of one protocol, bound to the network namespace of the thread that opened it
 * (afterwards it may be used from any thread, one at a time). Messages are little-endian host
 * order; the payload handed to a {@link Handler} is positioned at the message body.
 */
public final class NetlinkSocket implements AutoCloseable {
    static final int NLMSG_ERROR = 2, NLMSG_DONE = 3;
    public static final int NETLINK_ROUTE = 0;
    public static final int NLM_F_REQUEST = 1, NLM_F_MULTI = 2, NLM_F_DUMP = 0x300;
    static final int HEADER = 16;

    public interface Handler {
        void message(int type, ByteBuffer body);
    }

    private final int fd;
    private final Memory buffer = new Memory(1 << 16);
    private int seq;
    private boolean closed;

    private NetlinkSocket(int fd) {
        this.fd = fd;
    }

    public static NetlinkSocket open(int protocol) {
        try {
            return new NetlinkSocket(Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol));
        } catch (LastErrorException e) {
            throw new NetlinkException("netlink socket", e.getErrorCode());
        }
    }

    /** A netlink socket in the network namespace of {@code pid}; failing to enter it is a NetlinkException like any other. */
    static NetlinkSocket openInNamespaceOf(int pid, int protocol) {
        try {
            return Netns.call(Netns.ofProcess(pid), () -> open(protocol));
        } catch (NetnsException e) {
            throw new NetlinkException("setns into the network namespace of process " + pid, e.errno());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // open throws nothing checked
        }
    }

    int fd() {
        return fd;
    }

    /** Sends one request (body after the header) and returns its sequence number. */
    public int request(int type, int flags, byte[] body) {
        int s = ++seq;
        ByteBuffer b = ByteBuffer.allocate(HEADER + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(HEADER + body.length).putShort((short) type).putShort((short) (flags | NLM_F_REQUEST)).putInt(s).putInt(0);
        b.put(body);
        try {
            Libc.send(fd, b.array(), b.capacity(), 0);
        } catch (LastErrorException e) {
            throw new NetlinkException("netlink send", e.getErrorCode());
        }
        return s;
    }

    /**
     * Delivers the replies to request {@code s} until the kernel says it is done: NLMSG_DONE for
     * a dump, the single reply otherwise. An NLMSG_ERROR with a non-zero code is thrown (a
     * {@link NetlinkException#refusal()}).
     */
    public void replies(int s, Handler handler) {
        while (true) {
            int n = receive();
            ByteBuffer all = buffer.getByteBuffer(0, n).order(ByteOrder.LITTLE_ENDIAN);
            int pos = 0;
            boolean more = false;
            while (pos + HEADER <= n) {
                int len = all.getInt(pos);
                int type = all.getShort(pos + 4) & 0xffff;
                int flags = all.getShort(pos + 6) & 0xffff;
                int mseq = all.getInt(pos + 8);
                if (len < HEADER || pos + len > n) break;
                if (mseq == s) {
                    if (type == NLMSG_DONE) return;
                    if (type == NLMSG_ERROR) {
                        int err = -all.getInt(pos + HEADER);
                        if (err != 0) throw NetlinkException.refused(err);
                        return;
                    }
                    handler.message(type, all.duplicate().order(ByteOrder.LITTLE_ENDIAN).limit(pos + len).position(pos + HEADER).slice().order(ByteOrder.LITTLE_ENDIAN));
                    more |= (flags & NLM_F_MULTI) != 0;
                }
                pos += align(len);
            }
            if (!more) return;
        }
    }

    /** Reads one datagram of multicast messages (no sequence numbers); returns false on timeout. */
    boolean multicast(Handler handler) {
        int n;
        try {
            n = receive();
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EAGAIN) return false;
            throw e;
        }
        ByteBuffer all = buffer.getByteBuffer(0, n).order(ByteOrder.LITTLE_ENDIAN);
        for (int pos = 0; pos + HEADER <= n; ) {
            int len = all.getInt(pos);
            if (len < HEADER || pos + len > n) break;
            int type = all.getShort(pos + 4) & 0xffff;
            if (type != NLMSG_ERROR && type != NLMSG_DONE) {
                handler.message(type, all.duplicate().limit(pos + len).position(pos + HEADER).slice().order(ByteOrder.LITTLE_ENDIAN));
            }
            pos += align(len);
        }
        return true;
    }

    /**
     * Binds to a kernel-chosen port id. Multicast needs it: the kernel's broadcasts come from
     * port id 0 and skip listeners whose own id is still 0.
     */
    void bind() {
        byte[] sa = new byte[12];
        sa[0] = (byte) Libc.AF_NETLINK;
        try {
            Libc.bind(fd, sa, sa.length);
        } catch (LastErrorException e) {
            throw new NetlinkException("netlink bind", e.getErrorCode());
        }
    }

    void joinGroup(int group) {
        try {
            Libc.setsockopt(fd, Libc.SOL_NETLINK, Libc.NETLINK_ADD_MEMBERSHIP, Libc.intBytes(group), 4);
        } catch (LastErrorException e) {
            throw new NetlinkException("netlink group " + group, e.getErrorCode());
        }
    }

    /** Makes a receive give up after millis with EAGAIN instead of waiting for ever; room for large dumps. */
    public void receiveTimeout(int millis) {
        byte[] tv = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(millis / 1000).putLong((millis % 1000) * 1000L).array();
        try {
            Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, tv, tv.length);
            Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, Libc.intBytes(1 << 20), 4);
        } catch (LastErrorException e) {
            throw new NetlinkException("netlink socket options", e.getErrorCode());
        }
    }

    private int receive() {
        try {
            return (int) Libc.recv(fd, buffer, buffer.size(), 0);
        } catch (LastErrorException e) {
            throw new NetlinkException("netlink receive", e.getErrorCode());
        }
    }

    static int align(int len) {
        return (len + 3) & ~3;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        Libc.close(fd);
    }
}
