package dev.nettrace.probe;

import dev.nettrace.netlink.NetlinkException;
import dev.nettrace.netlink.NetlinkSocket;
import dev.nettrace.os.Errno;
import dev.nettrace.os.Libc;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * What `ip route get`, `ip neigh` and `ip link` would say, asked of the kernel over rtnetlink in
 * the calling thread's network namespace (so diagnose sees the traced process's routing, not
 * ours). The route lookup is the kernel's own: an `unreachable`, `prohibit` or `blackhole` route
 * comes back as the errno the kernel would give the process.
 */
public final class RouteTable {
    private static final int RTM_NEWLINK = 16, RTM_GETLINK = 18, RTM_NEWROUTE = 24, RTM_GETROUTE = 26, RTM_NEWNEIGH = 28, RTM_GETNEIGH = 30;
    private static final int RTA_DST = 1, RTA_OIF = 4, RTA_GATEWAY = 5, RTA_PREFSRC = 7;
    private static final int IFLA_IFNAME = 3, IFLA_MTU = 4, IFLA_OPERSTATE = 16, IFLA_CARRIER = 33;
    private static final int NDA_DST = 1;
    private static final int RECEIVE_TIMEOUT_MS = 2000;

    /** A route lookup: errno 0 and the way out, or the kernel's refusal (ENETUNREACH, EHOSTUNREACH, EACCES, EINVAL). */
    public record Route(int errno, int ifindex, InetAddress gateway, InetAddress source) {
        public boolean found() {
            return errno == 0;
        }

        /** What kind of route refused, in `ip route` words. */
        public String refusal() {
            return switch (errno) {
                case 101 -> "no route";
                case 113 -> "an 'unreachable' route";
                case 13 -> "a 'prohibit' route";
                case 22 -> "a 'blackhole' route";
                default -> Errno.name(errno);
            };
        }
    }

    public record Link(int ifindex, String name, String operstate, boolean up, boolean carrier, int mtu) {}

    public record Neighbour(InetAddress address, int ifindex, int state) {
        public String stateName() {
            List<String> names = new ArrayList<>();
            String[] all = {"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "NOARP", "PERMANENT"};
            for (int bit = 0; bit < all.length; bit++) if ((state & (1 << bit)) != 0) names.add(all[bit]);
            return names.isEmpty() ? "NONE" : String.join(",", names);
        }

        public boolean broken() {
            return (state & (0x01 | 0x20)) != 0;
        }
    }

    private RouteTable() {}

    public static Route route(InetAddress dst) throws IOException {
        boolean v6 = dst instanceof Inet6Address;
        byte[] addr = dst.getAddress();
        ByteBuffer b = body(12 + attrLen(addr.length));
        b.put((byte) (v6 ? Libc.AF_INET6 : Libc.AF_INET)).put((byte) (addr.length * 8)).put((byte) 0).put((byte) 0);
        b.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).putInt(0);
        attr(b, RTA_DST, addr);
        List<Route> found = new ArrayList<>(1);
        int refused = exchange(RTM_GETROUTE, 0, b, (type, m) -> {
            if (type != RTM_NEWROUTE) return;
            int ifindex = 0;
            InetAddress gw = null, src = null;
            for (int off = 12; off + 4 <= m.limit(); ) {
                int len = m.getShort(off) & 0xffff, at = m.getShort(off + 2) & 0x3fff;
                if (len < 4) break;
                if (at == RTA_OIF) ifindex = m.getInt(off + 4);
                else if (at == RTA_GATEWAY) gw = address(m, off + 4, len - 4);
                else if (at == RTA_PREFSRC) src = address(m, off + 4, len - 4);
                off += align(len);
            }
            found.add(new Route(0, ifindex, gw, src));
        });
        if (refused != 0) return new Route(refused, 0, null, null);
        if (found.isEmpty()) throw new IOException("no answer to the route lookup");
        return found.get(0);
    }

    public static Link link(int ifindex) throws IOException {
        ByteBuffer b = body(16);
        b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(ifindex).putInt(0).putInt(0);
        List<Link> found = new ArrayList<>(1);
        int refused = exchange(RTM_GETLINK, 0, b, (type, m) -> {
            if (type != RTM_NEWLINK) return;
            int flags = m.getInt(8);
            String name = "if" + ifindex, oper = "unknown";
            boolean carrier = (flags & 0x10000) != 0;
            int mtu = 0;
            for (int off = 16; off + 4 <= m.limit(); ) {
                int len = m.getShort(off) & 0xffff, at = m.getShort(off + 2) & 0x3fff;
                if (len < 4) break;
                if (at == IFLA_IFNAME) name = cString(m, off + 4, len - 4);
                else if (at == IFLA_MTU) mtu = m.getInt(off + 4);
                else if (at == IFLA_OPERSTATE) oper = operstate(m.get(off + 4) & 0xff);
                else if (at == IFLA_CARRIER) carrier = m.get(off + 4) != 0;
                off += align(len);
            }
            found.add(new Link(ifindex, name, oper, (flags & 1) != 0, carrier, mtu));
        });
        if (refused != 0) throw new IOException("no interface " + ifindex + ": " + Errno.name(refused));
        if (found.isEmpty()) throw new IOException("no answer about interface " + ifindex);
        return found.get(0);
    }

    /** The neighbour-table entry for addr on ifindex, or null when there is none. */
    public static Neighbour neighbour(InetAddress addr, int ifindex) throws IOException {
        boolean v6 = addr instanceof Inet6Address;
        ByteBuffer b = body(12);
        b.put((byte) (v6 ? Libc.AF_INET6 : Libc.AF_INET)).put((byte) 0).putShort((short) 0).putInt(0).putShort((short) 0).put((byte) 0).put((byte) 0);
        List<Neighbour> found = new ArrayList<>(1);
        int refused = exchange(RTM_GETNEIGH, NetlinkSocket.NLM_F_DUMP, b, (type, m) -> {
            if (type != RTM_NEWNEIGH) return;
            int idx = m.getInt(4), state = m.getShort(8) & 0xffff;
            for (int off = 12; off + 4 <= m.limit(); ) {
                int len = m.getShort(off) & 0xffff, at = m.getShort(off + 2) & 0x3fff;
                if (len < 4) break;
                if (at == NDA_DST && idx == ifindex && addr.equals(address(m, off + 4, len - 4))) found.add(new Neighbour(addr, idx, state));
                off += align(len);
            }
        });
        if (refused != 0) throw new IOException("the neighbour table cannot be read: " + Errno.name(refused));
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    private static String operstate(int v) {
        String[] names = {"unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up"};
        return v < names.length ? names[v] : "state-" + v;
    }

    private static ByteBuffer body(int len) {
        return ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int attrLen(int payload) {
        return align(4 + payload);
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }

    private static void attr(ByteBuffer b, int type, byte[] data) {
        b.putShort((short) (4 + data.length)).putShort((short) type).put(data);
        for (int pad = align(4 + data.length) - 4 - data.length; pad > 0; pad--) b.put((byte) 0);
    }

    private static InetAddress address(ByteBuffer m, int off, int len) {
        if (len != 4 && len != 16) return null;
        byte[] a = new byte[len];
        m.get(off, a);
        return SockAddr.address(a);
    }

    private static String cString(ByteBuffer m, int off, int len) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < len && m.get(off + i) != 0; i++) s.append((char) m.get(off + i));
        return s.toString();
    }

    /**
     * Sends one request on a socket of its own, opened in the calling thread's namespace, and
     * hands the kernel's messages to the handler; returns the errno the kernel refused it with, 0
     * when it answered.
     */
    private static int exchange(int type, int flags, ByteBuffer body, NetlinkSocket.Handler handler) throws IOException {
        try (NetlinkSocket nl = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE)) {
            nl.receiveTimeout(RECEIVE_TIMEOUT_MS);
            nl.replies(nl.request(type, flags, body.array()), handler);
            return 0;
        } catch (NetlinkException e) {
            if (e.refusal()) return e.errno();
            if (e.errno() == Errno.EAGAIN) throw new IOException("the kernel did not answer a netlink request in time");
            throw new IOException("rtnetlink: " + e.getMessage());
        }
    }
}
