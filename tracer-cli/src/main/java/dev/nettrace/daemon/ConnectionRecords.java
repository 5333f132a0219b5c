package dev.nettrace.daemon;

import dev.nettrace.store.Batch;
import dev.nettrace.timeline.Connection;
import java.util.Map;

/**
 * Connection records as the store keeps them. The key names one connection within its process
 * so that a later record of it (closed) replaces an earlier one (open), and so that a dump can
 * tell which connections of its offline replay a stored record stands for. It must come out the
 * same from the daemon's live correlator and from the replay, which folds the same events but
 * cannot ask the kernel: so no inode (an agent's calls do not carry it, only /proc does) and no
 * peer address a socket could only tell a live correlator. A descriptor and the moment its
 * socket was opened name a socket; a UDP socket's flows are told apart by their peers.
 */
final class ConnectionRecords {
    private ConnectionRecords() {}

    static String key(Map<String, Object> rec) {
        return key(rec.get("fd"), rec.get("inode"), rec.get("openedNs"), rec.get("role"), rec.get("remote"));
    }

    /** The key of c's record, without making the record (a dump merges hundreds of thousands). */
    static String key(Connection c) {
        return key(c.fd >= 0 ? c.fd : null, c.inode != 0 ? c.inode : null, c.openedNs, c.role, c.remote);
    }

    private static String key(Object fd, Object inode, Object openedNs, Object role, Object remote) {
        String id = fd != null ? "f" + fd : "i" + inode; // a reporter's own record may name only the inode
        String key = id + "@" + openedNs;
        return "flow".equals(role) ? key + ">" + remote : key;
    }

    /** The store's row for the record rec, whose NDJSON is json. */
    static Batch.ConnectionLine line(Map<String, Object> rec, String json) {
        Long opened = num(rec.get("openedNs"));
        Long closed = num(rec.get("closedNs"));
        Long connected = num(rec.get("connectedNs"));
        long ended = closed != null ? closed : connected != null ? connected : opened != null ? opened : Reporter.nowNs();
        return new Batch.ConnectionLine(key(rec), opened, ended, (String) rec.get("remote"), (String) rec.get("outcome"), json);
    }

    private static Long num(Object o) {
        return o instanceof Long l ? l : null;
    }
}
