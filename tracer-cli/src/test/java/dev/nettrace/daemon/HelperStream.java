package dev.nettrace.daemon;

import dev.nettrace.json.Json;
import dev.nettrace.model.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A reporter speaking the helper side of the protocol, as `run --daemon` does. */
final class HelperStream implements AutoCloseable {
    private final DaemonClient client;
    private long framesSent;
    private final java.util.concurrent.atomic.AtomicLong acked = new java.util.concurrent.atomic.AtomicLong();

    HelperStream(Path socket) throws IOException {
        client = DaemonClient.connect(socket);
        client.send(Frame.of(Frame.HELLO, "{\"proto\":1,\"source\":\"ptrace\"}"));
    }

    /** Sends one RECORDS frame of these lines; returns its number (what an ACK will count up to). */
    long send(List<String> lines) throws IOException {
        client.send(Frame.of(Frame.RECORDS, String.join("\n", lines)));
        return ++framesSent;
    }

    /** Waits for the ACK that covers frame n. */
    void awaitAck(long n) throws IOException {
        long acked = 0;
        while (acked < n) {
            Frame f = client.receive();
            if (f.type() != Frame.ACK) throw new AssertionError("expected ACK, got type " + f.type());
            acked = f.ackCount();
        }
    }

    Frame receive() throws IOException {
        return client.receive();
    }

    /**
     * Reads ACKs on a thread of their own until the connection ends, for a sender that must not
     * wait for them; acked() is the latest count.
     */
    Thread followAcks() {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Frame f = client.receive();
                    if (f.type() == Frame.ACK) acked.set(f.ackCount());
                }
            } catch (IOException ended) {
                // the daemon went away, or we closed
            }
        }, "acks");
        t.setDaemon(true);
        t.start();
        return t;
    }

    long acked() {
        return acked.get();
    }

    static String event(int pid, long ts, String op, int fd, String remote) {
        Event e = new Event();
        e.ts = ts;
        e.pid = pid;
        e.tid = pid;
        e.source = "ptrace";
        e.op = op;
        e.syscall = op;
        e.fd = fd;
        e.family = "AF_INET";
        e.remote = remote;
        e.ret = 0L;
        return e.toJson();
    }

    static String connection(int pid, int fd, long inode, long opened, long closed, String remote) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("type", "connection");
        m.put("pid", pid);
        m.put("fd", fd);
        m.put("inode", inode);
        m.put("proto", "tcp");
        m.put("remote", remote);
        m.put("openedNs", opened);
        m.put("closedNs", closed);
        m.put("outcome", "closed");
        m.put("bytesOut", 10);
        m.put("bytesIn", 20);
        return Json.write(m);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
