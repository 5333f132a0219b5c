package dev.nettrace.agent.boot;

import dev.nettrace.wire.Frame;
import dev.nettrace.wire.FrameCodec;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that turns recorded slots into frames and writes them to the collector's Unix
 * socket. The socket is non-blocking: a slow collector makes this thread wait, never an
 * application thread (the ring fills and further events are counted as dropped). Its own
 * socket calls go through hooked JDK code, which skips this thread.
 */
final class Shipper implements Runnable {
    private static final int MAX_STACK = 64;
    /**
     * Between two drains the thread sleeps at least 1 ms (the ring holds far more than a
     * millisecond of events), so a busy application pays for one wake-up and one write per
     * millisecond, not per event; an idle one is looked at every 10 ms.
     */
    private static final long MIN_IDLE_NS = 4_000_000, MAX_IDLE_NS = 10_000_000;
    private static final long EXIT_GRACE_MS = 2_000;

    private final SocketChannel channel;
    private final Ring ring;
    private final Runnable onStop;
    private final Thread thread;
    private final Thread exitHook;
    private final ByteBuffer out = ByteBuffer.allocateDirect(256 * 1024);
    /** What the collector sent us: frames in the same envelope; only DETACH matters. */
    private final ByteBuffer in = ByteBuffer.allocate(4096);
    private final Frame frame = new Frame();
    private final long epochOffsetNs;
    private volatile boolean exiting;
    private boolean detachRequested, collectorClosed;
    private long droppedReported;
    /** Daemon mode: what earlier sessions of this JVM lost (their counts carry on); -1 otherwise. */
    private final long dropsBefore;
    /** Events encoded into {@link #out} since it was last written out whole: lost if the collector dies now. */
    private long unflushedEvents;

    private Shipper(SocketChannel channel, Ring ring, long dropsBefore, Runnable onStop) {
        this.channel = channel;
        this.ring = ring;
        this.dropsBefore = dropsBefore;
        this.onStop = onStop;
        Instant now = Instant.now();
        this.epochOffsetNs = now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
        this.thread = new Thread(null, this, "nettrace-agent", 0, false);
        thread.setDaemon(true);
        thread.setContextClassLoader(null);
        this.exitHook = new Thread(this::jvmExiting, "nettrace-agent-exit");
    }

    /** The ring is made once connected: a daemon-mode agent that finds no daemon allocates nothing. */
    static Shipper connect(String socketPath, int ringSize, long dropsBefore, Runnable onStop) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socketPath));
            ch.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new Shipper(ch, new Ring(ringSize), dropsBefore, onStop);
    }

    Ring ring() {
        return ring;
    }

    /** A one-frame connection: BYE with the reason, for an agent that could not start. */
    static void tellAndClose(String socketPath, String reason) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socketPath));
            ByteBuffer b = ByteBuffer.allocate(8192);
            Frame f = new Frame().clear(Frame.BYE);
            f.text = reason;
            FrameCodec.encode(f, b);
            b.flip();
            while (b.hasRemaining()) ch.write(b);
        }
    }

    Thread thread() {
        return thread;
    }

    /** Closes the connection of a session that never started shipping. */
    void abandon() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was sent; the launcher tells the collector why
        }
    }

    void startShipping() {
        Runtime.getRuntime().addShutdownHook(exitHook);
        thread.start();
    }

    /** At JVM exit the last events still get out, within a bounded wait. */
    private void jvmExiting() {
        exiting = true;
        LockSupport.unpark(thread);
        try {
            thread.join(EXIT_GRACE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        String reason;
        boolean collectorGone = false;
        try {
            frame.clear(Frame.HELLO).pid = (int) ProcessHandle.current().pid();
            frame.text = System.getProperty("java.version") + " " + System.getProperty("java.vm.name");
            put(frame);
            long idle = MIN_IDLE_NS;
            for (;;) {
                boolean shipped = drain();
                reportDrops();
                flush();
                listen();
                if (detachRequested) {
                    reason = "detached";
                    break;
                }
                if (exiting) {
                    reason = "exit";
                    break;
                }
                idle = shipped ? MIN_IDLE_NS : Math.min(idle * 2, MAX_IDLE_NS);
                LockSupport.parkNanos(idle);
            }
        } catch (IOException | RuntimeException e) {
            reason = "collector went away (" + e.getMessage() + ")";
            collectorGone = true;
        }
        finish(reason, collectorGone);
    }

    private void finish(String reason, boolean collectorGone) {
        Recorder.deactivate();
        if (!exiting) {
            try {
                onStop.run();
            } catch (RuntimeException | LinkageError e) {
                reason += "; restoring classes failed: " + e;
            }
        }
        if (!collectorGone) {
            try {
                drain();
                frame.clear(Frame.BYE).count = dropped();
                frame.text = reason;
                put(frame);
                flush();
            } catch (IOException | RuntimeException e) {
                collectorGone = true;
            }
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to tell the collector
        }
        if (!exiting) {
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to; it only waits for this thread
            }
        }
        long lost = collectorGone ? unflushedEvents + discardRecorded() : 0;
        if (collectorGone && dropsBefore < 0) {
            // The loss must not be silent and the collector cannot hear it: one line for the user.
            // (A daemon hears it when it is back: the next session's counts include it.)
            System.err.println("nettrace agent: " + reason + "; tracing stopped, " + (dropped() + lost) + " events dropped");
        }
        Recorder.ended(this, dropsBefore < 0 ? -1 : dropped() + lost, detachRequested);
    }

    /** Events lost so far: this session's, and in daemon mode those of earlier sessions. */
    private long dropped() {
        return Math.max(0, dropsBefore) + ring.dropped();
    }

    /** Empties the ring without shipping; returns how many events were in it. */
    private long discardRecorded() {
        long n = 0;
        for (int i; (i = ring.peek()) >= 0; n++) ring.release(i);
        return n;
    }

    /** Ships everything recorded so far; returns whether there was anything. */
    private boolean drain() throws IOException {
        boolean any = false;
        int i;
        while ((i = ring.peek()) >= 0) {
            any = true;
            boolean keep = describe(i, frame);
            ring.release(i);
            if (keep) put(frame);
        }
        return any;
    }

    private void reportDrops() throws IOException {
        long dropped = dropped();
        if (dropped == droppedReported) return;
        droppedReported = dropped;
        frame.clear(Frame.DROPS).count = dropped;
        put(frame);
    }

    private void put(Frame f) throws IOException {
        if (!FrameCodec.encode(f, out)) {
            flush();
            if (!FrameCodec.encode(f, out)) throw new IOException("frame larger than the send buffer");
        }
        if (f.kind == Frame.EVENT) unflushedEvents++;
    }

    private void flush() throws IOException {
        out.flip();
        long deadline = 0;
        while (out.hasRemaining()) {
            if (channel.write(out) > 0) continue;
            // The collector is not reading: wait for it (application threads drop, never wait),
            // but not past the exit grace period once the JVM is going down.
            if (exiting) {
                if (deadline == 0) deadline = System.nanoTime() + EXIT_GRACE_MS * 1_000_000;
                else if (System.nanoTime() > deadline) throw new IOException("collector not reading at exit");
            }
            listen();
            // The ring absorbs a collector that lags; polling it faster would only spend the
            // application's CPU on wake-ups.
            LockSupport.parkNanos(MIN_IDLE_NS);
        }
        out.clear();
        unflushedEvents = 0;
    }

    /**
     * Reads what the collector sent: a DETACH frame (after which it closes its side, which is no
     * error); other frames are skipped; an end of stream without DETACH means it is gone.
     */
    private void listen() throws IOException {
        if (collectorClosed) return;
        int n = channel.read(in);
        in.flip();
        while (in.remaining() >= 5 && in.remaining() >= 4 + in.getInt(in.position())) {
            int len = in.getInt();
            if (len < 1 || len > in.capacity() - 4) throw new IOException("garbage from the collector");
            if (in.get(in.position()) == Frame.DETACH) detachRequested = true;
            in.position(in.position() + len);
        }
        in.compact();
        if (n < 0) {
            collectorClosed = true;
            if (!detachRequested) throw new IOException("collector closed the connection");
        }
    }

    /** Fills f from slot i; false when the event is not worth sending (a DNS "lookup" of a literal address). */
    private boolean describe(int i, Frame f) {
        f.clear(Frame.EVENT);
        int op = ring.op(i);
        f.op = FrameCodec.op(op);
        f.ts = ring.start(i) + epochOffsetNs;
        f.durNs = ring.duration(i);
        f.thread = ring.thread(i);
        f.virtual = ring.virtual(i);
        f.tid = ring.tid(i);
        f.fd = ring.fd(i);
        f.newFd = ring.newFd(i);
        f.ret = ring.ret(i);
        f.bytes = ring.bytes(i);
        f.errno = FrameCodec.errno(ring.errno(i));
        f.sockType = FrameCodec.sockType(ring.sockType(i));
        f.local = address(ring.local(i), ring.localPort(i));
        f.remote = address(ring.remote(i), 0);
        f.family = family(ring.remote(i) != null ? ring.remote(i) : ring.local(i));
        if (ring.error(i) instanceof Throwable t) {
            f.exception = t.getClass().getName();
            f.message = t.getMessage();
        }
        if (op == Recorder.LISTEN) f.value = Integer.toString(ring.argument(i));
        if (op == Recorder.SETSOCKOPT) {
            Object o = ring.detail(i);
            f.option = o instanceof SocketOption<?> so ? so.name() : String.valueOf(o);
            f.value = String.valueOf(ring.value(i));
        }
        if (op == Recorder.DNS) {
            f.host = (String) ring.detail(i);
            if (f.host == null || isLiteral(f.host)) return false;
            if (ring.value(i) instanceof InetAddress[] answers) {
                f.answers = new ArrayList<>(answers.length);
                for (InetAddress a : answers) f.answers.add(a.getHostAddress());
            }
        }
        if (ring.stack(i) instanceof Throwable where) f.stack = stack(where);
        return true;
    }

    /** Names never contain ':' and never consist of digits and dots only: such "lookups" are parses. */
    private static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) return true;
        for (int k = 0; k < host.length(); k++) {
            char c = host.charAt(k);
            if (c != '.' && (c < '0' || c > '9')) return false;
        }
        return !host.isEmpty();
    }

    private static List<String> stack(Throwable where) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement e : where.getStackTrace()) {
            if (e.getClassName().startsWith("dev.nettrace.agent.boot.")) continue;
            if (frames.size() == MAX_STACK) break;
            frames.add(e.toString());
        }
        return frames;
    }

    private static String address(Object a, int port) {
        if (a instanceof InetSocketAddress isa) {
            return isa.getAddress() == null ? isa.getHostString() + ":" + isa.getPort() : inet(isa.getAddress(), isa.getPort());
        }
        if (a instanceof InetAddress ia) return inet(ia, port);
        if (a instanceof UnixDomainSocketAddress u) {
            String path = u.getPath().toString();
            return path.isEmpty() ? null : path;
        }
        return a == null ? null : a.toString();
    }

    private static String inet(InetAddress a, int port) {
        return a instanceof Inet6Address ? "[" + a.getHostAddress() + "]:" + port : a.getHostAddress() + ":" + port;
    }

    private static String family(Object a) {
        if (a instanceof InetSocketAddress isa) a = isa.getAddress();
        if (a instanceof Inet4Address) return "AF_INET";
        if (a instanceof Inet6Address) return "AF_INET6";
        if (a instanceof UnixDomainSocketAddress) return "AF_UNIX";
        return null;
    }
}
