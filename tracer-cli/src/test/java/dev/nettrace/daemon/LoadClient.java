package dev.nettrace.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A load generator run as its own process: reports, for its own pid, CONNS connections per
 * second (five events and a connection record each) for SECONDS. Like an agent it never waits
 * for the daemon: a frame that finds too many frames unacknowledged is dropped and counted, and
 * the count is reported at the end. Prints "sent=… dropped=… connections=… droppedConnections=…".
 */
public final class LoadClient {
    private static final int CONNECTIONS_PER_FRAME = 100;
    private static final int WINDOW = 32;

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int perSecond = Integer.parseInt(args[2]);
        int pid = (int) ProcessHandle.current().pid();
        long sentEvents = 0, droppedEvents = 0, sentConns = 0, droppedConns = 0, frames = 0;
        try (HelperStream h = new HelperStream(socket)) {
            h.followAcks();
            long start = System.nanoTime(), end = start + (long) (seconds * 1e9);
            long inode = 1;
            double frameIntervalNs = 1e9 * CONNECTIONS_PER_FRAME / perSecond;
            for (long k = 0; ; k++) {
                long due = start + (long) (k * frameIntervalNs);
                if (due >= end) break;
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                List<String> lines = new ArrayList<>(CONNECTIONS_PER_FRAME * 6);
                for (int c = 0; c < CONNECTIONS_PER_FRAME; c++, inode++) connection(lines, pid, inode, 40000 + (int) (inode % 20000));
                sentEvents += CONNECTIONS_PER_FRAME * 5L;
                sentConns += CONNECTIONS_PER_FRAME;
                if (frames - h.acked() >= WINDOW) {
                    droppedEvents += CONNECTIONS_PER_FRAME * 5L;
                    droppedConns += CONNECTIONS_PER_FRAME;
                    continue;
                }
                frames = h.send(lines);
            }
            frames = h.send(List.of("{\"type\":\"drops\",\"pid\":" + pid + ",\"dropped\":" + droppedEvents + "}"));
            long deadline = System.currentTimeMillis() + 60_000;
            while (h.acked() < frames && System.currentTimeMillis() < deadline) Thread.sleep(10);
            if (h.acked() < frames) throw new IllegalStateException("only " + h.acked() + " of " + frames + " frames acknowledged");
        }
        System.out.println("sent=" + sentEvents + " dropped=" + droppedEvents + " connections=" + sentConns + " droppedConnections=" + droppedConns);
    }

    private static void connection(List<String> out, int pid, long inode, int port) {
        long t = Reporter.nowNs();
        String head = "{\"type\":\"event\",\"ts\":";
        String tail = ",\"pid\":" + pid + ",\"tid\":" + pid + ",\"source\":\"ptrace\",\"fd\":7,\"family\":\"AF_INET\",\"sockType\":\"SOCK_STREAM\"";
        String remote = ",\"remote\":\"127.0.0.1:" + port + "\"";
        out.add(head + t + tail + ",\"op\":\"socket\",\"syscall\":\"socket\",\"ret\":7}");
        out.add(head + (t + 1000) + tail + remote + ",\"op\":\"connect\",\"syscall\":\"connect\",\"ret\":0,\"durNs\":41000}");
        out.add(head + (t + 2000) + tail + remote + ",\"op\":\"send\",\"syscall\":\"sendto\",\"bytes\":64,\"ret\":64}");
        out.add(head + (t + 3000) + tail + remote + ",\"op\":\"recv\",\"syscall\":\"recvfrom\",\"bytes\":512,\"ret\":512}");
        out.add(head + (t + 4000) + tail + ",\"op\":\"close\",\"syscall\":\"close\",\"ret\":0}");
        out.add("{\"type\":\"connection\",\"pid\":" + pid + ",\"fd\":7,\"inode\":" + inode + ",\"proto\":\"tcp\",\"local\":\"127.0.0.1:5555\""
                + remote + ",\"role\":\"client\",\"openedNs\":" + t + ",\"connectedNs\":" + (t + 1000) + ",\"closedNs\":" + (t + 4000)
                + ",\"connectNs\":41000,\"bytesOut\":64,\"bytesIn\":512,\"outcome\":\"closed\"}");
    }
}
