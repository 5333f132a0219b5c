package dev.nettrace.daemon;

import dev.nettrace.store.Batch;
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
        Object fd = rec.get("fd");
        String id = fd != null ? "f" + fd : "i" + rec.get("inode"); // a reporter's own record may name only the inode
        String key = id + "@" + rec.get("openedNs");
        return "flow".equals(rec.get("role")) ? key + ">" + rec.get("remote") : key;
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
