import dev.nettrace.daemon.DaemonClient;
import dev.nettrace.daemon.Frame;
import dev.nettrace.json.Json;
import dev.nettrace.wire.FrameCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest and dump figures for a running daemon (see run.sh):
 *   agents N EVENTS   N concurrent connections speaking the agent's own frames, EVENTS each, as
 *                     fast as the daemon takes them; "stored" = until its committed count has them all
 *   helpers N EVENTS  the same with NDJSON helper streams (acknowledged per frame)
 *   fill CONNS        CONNS connections (5 events + 1 connection record each) for this process
 *   dump PID          time to stream that process's stored timeline through the socket
 */
public final class DaemonBench {
    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        switch (args[1]) {
            case "agents" -> ingest(socket, Integer.parseInt(args[2]), Long.parseLong(args[3]), true);
            case "helpers" -> ingest(socket, Integer.parseInt(args[2]), Long.parseLong(args[3]), false);
            case "fill" -> fill(socket, Integer.parseInt(args[2]));
            case "dump" -> dump(socket, Long.parseLong(args[2]));
            default -> throw new IllegalArgumentException(args[1]);
        }
    }

    static long stored(Path socket) throws Exception {
        try (DaemonClient c = DaemonClient.connect(socket)) {
            return ((Number) c.request(Map.of("cmd", "status"), f -> { }).get("recordsStored")).longValue();
        }
    }

    static void ingest(Path socket, int clients, long eventsEach, boolean agentFrames) throws Exception {
        long before = stored(socket);
        int pid = (int) ProcessHandle.current().pid();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int k = 0; k < clients; k++) {
            Thread t = new Thread(() -> {
                try {
                    if (agentFrames) agent(socket, pid, eventsEach);
                    else helper(socket, pid, eventsEach);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        long target = before + clients * eventsEach;
        while (stored(socket) < target) Thread.sleep(5);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-7s x%d: %,d events stored in %.2f s = %,.0f events/s%n", agentFrames ? "agents" : "helpers", clients,
                clients * eventsEach, s, clients * eventsEach / s);
    }

    /** The agent's own frames, as its shipper writes them: a HELLO, then one EVENT frame per call. */
    static void agent(Path socket, int pid, long events) throws Exception {
        try (DaemonClient c = DaemonClient.connect(socket)) {
            ByteBuffer out = ByteBuffer.allocate(256 * 1024);
            dev.nettrace.wire.Frame f = new dev.nettrace.wire.Frame().clear(dev.nettrace.wire.Frame.HELLO);
            f.pid = pid;
            f.text = "bench";
            FrameCodec.encode(f, out);
            for (long i = 0; i < events; i++) {
                f.clear(dev.nettrace.wire.Frame.EVENT);
                f.op = i % 2 == 0 ? "send" : "recv";
                f.fd = 42;
                f.tid = pid;
                f.thread = "worker-" + (i % 8);
                f.ts = System.currentTimeMillis() * 1_000_000L + i;
                f.durNs = 1200;
                f.ret = 64;
                f.bytes = 64;
                f.family = "AF_INET";
                f.sockType = "SOCK_STREAM";
                f.local = "127.0.0.1:40000";
                f.remote = "127.0.0.1:8080";
                if (!FrameCodec.encode(f, out)) {
                    flush(c, out);
                    FrameCodec.encode(f, out);
                }
            }
            flush(c, out);
        }
    }

    static void flush(DaemonClient c, ByteBuffer out) throws Exception {
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        out.clear();
        c.sendRaw(b);
    }

    /** NDJSON helper frames of 1,000 events, at most 16 unacknowledged. */
    static void helper(Path socket, int pid, long events) throws Exception {
        try (DaemonClient c = DaemonClient.connect(socket)) {
            c.send(Frame.of(Frame.HELLO, "{\"proto\":1,\"source\":\"ptrace\"}"));
            AtomicLong acked = new AtomicLong();
            Thread acks = new Thread(() -> {
                try {
                    while (true) acked.set(c.receive().ackCount());
                } catch (Exception closed) {
                    // done
                }
            });
            acks.setDaemon(true);
            acks.start();
            long frames = 0;
            for (long i = 0; i < events; ) {
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < 1000 && i < events; k++, i++) {
                    b.append("{\"type\":\"event\",\"ts\":").append(System.currentTimeMillis() * 1_000_000L + i).append(",\"pid\":").append(pid)
                            .append(",\"tid\":").append(pid).append(",\"source\":\"ptrace\",\"op\":\"sendto\",\"syscall\":\"sendto\",\"fd\":42,")
                            .append("\"family\":\"AF_INET\",\"remote\":\"127.0.0.1:8080\",\"bytes\":64,\"ret\":64,\"durNs\":1200}\n");
                }
                while (frames - acked.get() >= 16) Thread.onSpinWait();
                c.send(Frame.of(Frame.RECORDS, b.toString()));
                frames++;
            }
            while (acked.get() < frames) Thread.sleep(1);
        }
    }

    static void fill(Path socket, int connections) throws Exception {
        int pid = (int) ProcessHandle.current().pid();
        long t0 = System.nanoTime();
        try (DaemonClient c = DaemonClient.connect(socket)) {
            c.send(Frame.of(Frame.HELLO, "{\"proto\":1,\"source\":\"ptrace\"}"));
            long frames = 0;
            long base = System.currentTimeMillis() * 1_000_000L - 3_600_000_000_000L;
            for (int i = 0; i < connections; ) {
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < 200 && i < connections; k++, i++) {
                    long t = base + i * 10_000L;
                    String common = ",\"pid\":" + pid + ",\"tid\":" + pid + ",\"source\":\"ptrace\",\"fd\":7";
                    String remote = ",\"remote\":\"127.0.0.1:" + (20000 + i % 1000) + "\"";
                    b.append("{\"type\":\"event\",\"ts\":").append(t).append(common).append(",\"op\":\"socket\",\"family\":\"AF_INET\",\"sockType\":\"SOCK_STREAM\",\"ret\":7}\n");
                    b.append("{\"type\":\"event\",\"ts\":").append(t + 1000).append(common).append(remote).append(",\"op\":\"connect\",\"ret\":0}\n");
                    b.append("{\"type\":\"event\",\"ts\":").append(t + 2000).append(common).append(",\"op\":\"send\",\"bytes\":64,\"ret\":64}\n");
                    b.append("{\"type\":\"event\",\"ts\":").append(t + 3000).append(common).append(",\"op\":\"recv\",\"bytes\":512,\"ret\":512}\n");
                    b.append("{\"type\":\"event\",\"ts\":").append(t + 4000).append(common).append(",\"op\":\"close\",\"ret\":0}\n");
                    b.append("{\"type\":\"connection\",\"pid\":").append(pid).append(",\"fd\":7,\"inode\":").append(i).append(",\"proto\":\"tcp\"")
                            .append(remote).append(",\"openedNs\":").append(t).append(",\"closedNs\":").append(t + 4000)
                            .append(",\"bytesOut\":64,\"bytesIn\":512,\"outcome\":\"closed\"}\n");
                }
                c.send(Frame.of(Frame.RECORDS, b.toString()));
                frames++;
            }
            while (true) {
                Frame f = c.receive();
                if (f.ackCount() == frames) break;
            }
        }
        System.out.printf("filled pid %d with %,d connections (%,d records) in %.2f s%n", pid, connections, connections * 6L, (System.nanoTime() - t0) / 1e9);
        System.out.println("PID " + pid);
    }

    static void dump(Path socket, long pid) throws Exception {
        long[] bytes = new long[1];
        long t0 = System.nanoTime();
        Map<String, Object> end;
        try (DaemonClient c = DaemonClient.connect(socket)) {
            end = c.request(Map.of("cmd", "dump", "pid", pid), f -> bytes[0] += f.payload().length);
        }
        System.out.printf("dump through the socket: %s events, %s connections, %.1f MB in %.2f s%n", end.get("events"), end.get("connections"),
                bytes[0] / 1e6, (System.nanoTime() - t0) / 1e9);
    }
}
