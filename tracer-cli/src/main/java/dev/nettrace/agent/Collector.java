package dev.nettrace.agent;

import dev.nettrace.wire.Frame;
import dev.nettrace.wire.FrameCodec;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Listens on a Unix socket for agents and turns their frames into output. Each connection is
 * one JVM: HELLO, events and drop counts, then BYE when the agent stops.
 */
public final class Collector implements AutoCloseable {
    /** One agent connection. */
    public static final class Session {
        private final SocketChannel channel;
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        volatile int pid;
        volatile String jvm;
        volatile long dropped;
        volatile String endReason;
        volatile boolean said;

        Session(SocketChannel channel) {
            this.channel = channel;
        }

        /** Whether the agent introduced itself (an agent that cannot start only says BYE). */
        public boolean helloSeen() {
            return jvm != null;
        }

        public int pid() {
            return pid;
        }

        public String jvm() {
            return jvm;
        }

        public String endReason() {
            return endReason;
        }

        public long dropped() {
            return dropped;
        }
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final AgentOutput output;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstSession = new CountDownLatch(1);

    private final long hostPid;

    private Collector(Path socket, ServerSocketChannel server, AgentOutput output, long hostPid) {
        this.socket = socket;
        this.server = server;
        this.output = output;
        this.hostPid = hostPid;
    }

    /**
     * hostPid: the pid of the one JVM that will connect, as we see it (an agent in another pid
     * namespace only knows its own); 0 to take each agent's word (same namespace).
     */
    public static Collector listen(Path socket, AgentOutput output, long hostPid) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Collector c = new Collector(socket, server, output, hostPid);
        Thread t = new Thread(c::acceptLoop, "nettrace-collector");
        t.setDaemon(true);
        t.start();
        return c;
    }

    public Path socket() {
        return socket;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                Session s = new Session(server.accept());
                sessions.add(s);
                Thread reader = new Thread(() -> read(s), "nettrace-collector-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Frames are decoded where they lie in the read buffer: an agent sends hundreds of thousands a second. */
    private void read(Session s) {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        List<AgentEvent> batch = new ArrayList<>();
        try {
            while (s.channel.read(buf) >= 0) {
                buf.flip();
                while (buf.remaining() >= 4) {
                    int len = buf.getInt(buf.position());
                    if (len < 1 || len > FrameCodec.MAX_FRAME) throw new IOException("bad frame length " + len);
                    if (buf.remaining() < 4 + len) break;
                    int kindAt = buf.position() + 4;
                    byte kind = buf.get(kindAt);
                    if (kind != Frame.EVENT || !output.discardsEvents()) handle(s, FrameCodec.decode(kind, buf.slice(kindAt + 1, len - 1)), batch);
                    buf.position(kindAt + len);
                }
                if (!batch.isEmpty()) {
                    output.events(batch);
                    batch = new ArrayList<>();
                }
                buf.compact();
                if (!buf.hasRemaining()) buf = ByteBuffer.allocate(2 * buf.capacity()).put(buf.flip()); // a frame larger than the buffer
            }
        } catch (IOException e) {
            if (s.endReason == null) s.endReason = "connection lost: " + e.getMessage();
        } finally {
            if (s.endReason == null) s.endReason = "connection closed";
            s.started.countDown();
            s.ended.countDown();
            firstSession.countDown();
        }
    }

    private void handle(Session s, Frame f, List<AgentEvent> batch) {
        switch (f.kind) {
            case Frame.HELLO -> {
                s.pid = hostPid > 0 ? (int) hostPid : f.pid;
                s.jvm = f.text;
                s.started.countDown();
                firstSession.countDown();
            }
            case Frame.EVENT -> batch.add(FrameEvents.toEvent(f, s.pid));
            case Frame.DROPS -> s.dropped = f.count;
            case Frame.BYE -> {
                s.dropped = Math.max(s.dropped, f.count);
                s.endReason = f.text;
            }
            default -> { }
        }
    }

    /** The first agent to connect, or null if none did in time. */
    public Session awaitFirst(long timeoutMs) throws InterruptedException {
        firstSession.await(timeoutMs, TimeUnit.MILLISECONDS);
        return sessions.isEmpty() ? null : sessions.get(0);
    }

    public List<Session> sessions() {
        return List.copyOf(sessions);
    }

    /** Asks every agent to take its hooks out and stop (they answer with BYE and close). */
    public void detachAll() {
        for (Session s : sessions) {
            if (s.said) continue;
            s.said = true;
            try {
                s.channel.write(ByteBuffer.wrap(FrameCodec.detachRequest()));
                s.channel.shutdownOutput();
            } catch (IOException gone) {
                // already ended
            }
        }
    }

    /** Waits for every agent to finish; returns false if one did not within the time. */
    public boolean awaitEnded(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (Session s : sessions) {
            if (!s.ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) return false;
        }
        return true;
    }

    /** Writes the drop count of every agent that lost events. */
    public void reportDrops() {
        for (Session s : sessions) {
            if (s.dropped > 0) output.dropped(s.pid, s.dropped);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Session s : sessions) s.channel.close();
        Files.deleteIfExists(socket);
    }
}
