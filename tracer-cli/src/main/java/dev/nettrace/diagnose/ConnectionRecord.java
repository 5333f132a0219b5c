package dev.nettrace.diagnose;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;

/** The fields of a `{"type":"connection"}` record that diagnosis reads (ARCHITECTURE.md). */
public record ConnectionRecord(long pid, String comm, int fd, long netns, String proto, String local, String remote,
                               InetAddress remoteAddress, int remotePort, String peerName, String role,
                               Long connectedNs, Long connectNs, String outcome, String errno) {
    static final Set<String> FAILED = Set.of("refused", "timeout", "reset", "unreachable", "abandoned");
    static final Set<String> STILL_OPEN = Set.of("open", "pre-existing");

    /** Null when the record has no IP remote (unix sockets, listeners). */
    static ConnectionRecord of(Map<String, Object> m) {
        String remote = str(m.get("remote"));
        if (remote == null) return null;
        int colon = remote.lastIndexOf(':');
        if (colon <= 0) return null;
        String host = remote.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (!host.matches("[0-9a-fA-F:.]+")) return null;
        InetAddress addr;
        int port;
        try {
            addr = InetAddress.getByName(host);
            port = Integer.parseInt(remote.substring(colon + 1));
        } catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
        return new ConnectionRecord(num(m.get("pid")), str(m.get("comm")), (int) num(m.get("fd"), -1), num(m.get("netns")),
                str(m.get("proto")), str(m.get("local")), remote, addr, port, str(m.get("peerName")), str(m.get("role")),
                nullableNum(m.get("connectedNs")), nullableNum(m.get("connectNs")), str(m.get("outcome")), str(m.get("errno")));
    }

    boolean failed() {
        return outcome != null && FAILED.contains(outcome);
    }

    boolean stillOpen() {
        return outcome != null && STILL_OPEN.contains(outcome);
    }

    boolean isTcp() {
        return proto == null || proto.startsWith("tcp");
    }

    boolean wasEstablished() {
        return connectedNs != null || stillOpen() || "closed-by-peer".equals(outcome);
    }

    String who() {
        StringBuilder s = new StringBuilder("pid ").append(pid);
        if (comm != null) s.append(' ').append(comm);
        if (fd >= 0) s.append(", fd ").append(fd);
        return s.toString();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static long num(Object o) {
        return num(o, 0);
    }

    private static long num(Object o, long dflt) {
        return o instanceof Number n ? n.longValue() : dflt;
    }

    private static Long nullableNum(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }
}
