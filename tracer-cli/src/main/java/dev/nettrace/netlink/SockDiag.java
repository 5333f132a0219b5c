package dev.nettrace.netlink;

import dev.nettrace.os.Errno;
import dev.nettrace.os.Libc;
import dev.nettrace.timeline.Endpoint;
import dev.nettrace.timeline.KernelView;
import dev.nettrace.timeline.TcpState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * NETLINK_SOCK_DIAG for TCP and UDP: exact lookups by 4-tuple (a few µs, the per-socket path),
 * and dumps (for snapshots and `nettrace sockets`). One instance serves the network namespace it
 * was opened in; see {@link #openInNamespaceOf(int)} for another process's namespace.
 */
public final class SockDiag implements AutoCloseable {
    static final int NETLINK_SOCK_DIAG = 4;
    static final int SOCK_DIAG_BY_FAMILY = 20;
    static final int INET_DIAG_INFO = 2;
    static final int IPPROTO_UDP = 17;
    private static final int MSG_SIZE = 72, REQ_SIZE = 56;
    public static final int ALL_STATES = 0xffffffff;

    private final NetlinkSocket nl;

    SockDiag(NetlinkSocket nl) {
        this.nl = nl;
    }

    /** A sock_diag socket in the calling thread's network namespace. */
    public static SockDiag open() {
        return new SockDiag(NetlinkSocket.open(NETLINK_SOCK_DIAG));
    }

    /** A sock_diag socket in the network namespace of {@code pid}. */
    public static SockDiag openInNamespaceOf(int pid) {
        return new SockDiag(NetlinkSocket.openInNamespaceOf(pid, NETLINK_SOCK_DIAG));
    }

    public enum Proto {
        TCP(Libc.IPPROTO_TCP), UDP(IPPROTO_UDP);
        final int number;

        Proto(int number) {
            this.number = number;
        }
    }

    /**
     * The socket with exactly this local and remote endpoint (remote 0.0.0.0:0 for a listener or
     * unconnected UDP), with tcp_info for TCP. Mixed families are looked up as v4-mapped IPv6,
     * which is how a dual-stack socket is keyed.
     */
    public synchronized Optional<InetSocket> lookup(Proto proto, Endpoint local, Endpoint remote) {
        boolean v6 = local.isIpv6() || remote.isIpv6();
        int family = v6 ? Libc.AF_INET6 : Libc.AF_INET;
        byte[] req = request(family, proto.number, ALL_STATES, local, remote);
        List<InetSocket> found = new ArrayList<>(1);
        try {
            nl.replies(nl.request(SOCK_DIAG_BY_FAMILY, 0, req), (type, body) -> found.add(parse(body, proto.number)));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) return Optional.empty();
            throw e;
        }
        return found.stream().findFirst();
    }

    /** Every socket of one family and protocol in the given states (a {@link TcpState#mask()} union), to a consumer. */
    public synchronized void dump(int family, Proto proto, int states, Consumer<InetSocket> sink) {
        byte[] req = request(family, proto.number, states, null, null);
        nl.replies(nl.request(SOCK_DIAG_BY_FAMILY, NetlinkSocket.NLM_F_DUMP, req), (type, body) -> sink.accept(parse(body, proto.number)));
    }

    /** TCP and UDP over IPv4 and IPv6, every state. */
    public List<InetSocket> dumpAll() {
        List<InetSocket> all = new ArrayList<>();
        for (Proto p : Proto.values()) {
            dump(Libc.AF_INET, p, ALL_STATES, all::add);
            dump(Libc.AF_INET6, p, ALL_STATES, all::add);
        }
        return all;
    }

    private static byte[] request(int family, int protocol, int states, Endpoint local, Endpoint remote) {
        ByteBuffer b = ByteBuffer.allocate(REQ_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) family).put((byte) protocol).put((byte) (protocol == Libc.IPPROTO_TCP ? 1 << (INET_DIAG_INFO - 1) : 0)).put((byte) 0);
        b.putInt(states);
        b.order(ByteOrder.BIG_ENDIAN);
        b.putShort((short) (local == null ? 0 : local.port())).putShort((short) (remote == null ? 0 : remote.port()));
        b.put(address(local, family)).put(address(remote, family));
        b.order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0);
        b.putInt(-1).putInt(-1); // INET_DIAG_NOCOOKIE: match on the tuple alone
        return b.array();
    }

    /** The 16-byte address field: IPv4 in the first word, IPv4 as ::ffff:a.b.c.d for an IPv6 lookup. */
    private static byte[] address(Endpoint e, int family) {
        byte[] out = new byte[16];
        if (e == null) return out;
        byte[] a = e.address().getAddress();
        if (family == Libc.AF_INET6 && a.length == 4) {
            out[10] = (byte) 0xff;
            out[11] = (byte) 0xff;
            System.arraycopy(a, 0, out, 12, 4);
        } else {
            System.arraycopy(a, 0, out, 0, a.length);
        }
        return out;
    }

    static InetSocket parse(ByteBuffer m, int protocol) {
        int family = m.get(0) & 0xff;
        int state = m.get(1) & 0xff;
        int alen = family == Libc.AF_INET6 ? 16 : 4;
        int sport = Short.toUnsignedInt(Short.reverseBytes(m.getShort(4)));
        int dport = Short.toUnsignedInt(Short.reverseBytes(m.getShort(6)));
        Endpoint local = Endpoint.of(bytes(m, 8, alen), sport);
        Endpoint remote = Endpoint.of(bytes(m, 24, alen), dport);
        long cookie = (m.getInt(44) & 0xffffffffL) | ((long) m.getInt(48) << 32);
        long rq = m.getInt(56) & 0xffffffffL, wq = m.getInt(60) & 0xffffffffL;
        int uid = m.getInt(64);
        long inode = m.getInt(68) & 0xffffffffL;
        KernelView tcp = null;
        for (int pos = MSG_SIZE; pos + 4 <= m.limit(); ) {
            int len = m.getShort(pos) & 0xffff;
            int type = m.getShort(pos + 2) & 0xffff;
            if (len < 4) break;
            if (type == INET_DIAG_INFO && protocol == Libc.IPPROTO_TCP) tcp = TcpInfoLayout.read(m, pos + 4, Math.min(len - 4, m.limit() - pos - 4));
            pos += NetlinkSocket.align(len);
        }
        return new InetSocket(family, protocol, TcpState.of(state), local, remote, inode, cookie, uid, rq, wq, tcp);
    }

    private static byte[] bytes(ByteBuffer m, int at, int n) {
        byte[] a = new byte[n];
        m.get(at, a);
        return a;
    }

    NetlinkSocket socket() {
        return nl;
    }

    @Override
    public void close() {
        nl.close();
    }
}
