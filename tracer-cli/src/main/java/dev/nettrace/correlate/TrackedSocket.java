package dev.nettrace.correlate;

import dev.nettrace.timeline.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One kernel socket while it is traced, shared by every (pid, fd) that refers to it (dup, fork).
 * A stream socket has at most one connection; a datagram socket one flow per remote.
 */
final class TrackedSocket {
    final int ownerPid, ownerTid;
    final Long openedNs;
    long netns, inode, cookie;
    String family, sockType, protocol;
    String local, remote;
    boolean listening;
    int holders;
    /** Pids other than the owner that held it, in first-use order. */
    final List<Integer> sharers = new ArrayList<>();
    /** The stream connection or listener (null until connect/accept/listen says what it is). */
    Connection stream;
    /** Datagram flows by remote address ("" for flows with no known remote). */
    final Map<String, Connection> flows = new LinkedHashMap<>();

    TrackedSocket(int ownerPid, int ownerTid, Long openedNs) {
        this.ownerPid = ownerPid;
        this.ownerTid = ownerTid;
        this.openedNs = openedNs;
    }

    boolean isDatagram() {
        return "SOCK_DGRAM".equals(sockType) && !"AF_UNIX".equals(family);
    }

    boolean isUnix() {
        return "AF_UNIX".equals(family);
    }

    /** tcp, tcp6, udp, udp6, unix, raw (raw6): the connection record's proto. */
    String proto() {
        if (isUnix()) return "unix";
        boolean v6 = "AF_INET6".equals(family);
        String base = "SOCK_RAW".equals(sockType) ? "raw" : "SOCK_DGRAM".equals(sockType) ? "udp" : "tcp";
        return v6 ? base + "6" : base;
    }

    List<Connection> connections() {
        List<Connection> all = new ArrayList<>();
        if (stream != null) all.add(stream);
        all.addAll(flows.values());
        return all;
    }
}
