package dev.nettrace.daemon;

import com.sun.jna.Memory;
import dev.nettrace.json.Json;
import dev.nettrace.store.Batch;
import dev.nettrace.store.ProcessKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One client connection, on its own thread. The first frame says what the client is: HELLO
 * makes it a reporter (agent or helper) that streams records and receives ACKs; REQUEST makes it
 * a one-shot command (ps, dump, ...). Slow clients are bounded by time, not by trust: the first
 * frame, and every frame once started, must arrive whole within the frame timeout.
 */
final class Session implements Runnable, CommitLoop.Sender {
    private final Daemon daemon;
    private final UnixSocket socket;
    private final UnixSocket.Peer peer;
    private final FrameDecoder decoder = new FrameDecoder();
    private final Object sendLock = new Object();
    private final Set<Integer> reportedPids = ConcurrentHashMap.newKeySet();
    /** What the frames of one read carried, per process; submitted together so a commit is not per frame. */
    private final Map<ProcessKey, Batch> pending = new LinkedHashMap<>();
    /** Bytes of the current read: the events it holds take about as much, plus a timestamp each. */
    private int readBytes;
    /** Only a read's first process is sized for all of it: a helper's read may name thousands of processes. */
    private final Function<ProcessKey, Batch> pendingBatch = k -> pending.computeIfAbsent(k, key -> new Batch(key, pending.isEmpty() ? readBytes + readBytes / 8 : 0));
    private int pendingFrames;
    private volatile Reporter reporter;
    /** The reporter's events folded live (see LiveCorrelation), besides being stored. */
    private LiveCorrelation.Timeline live;
    private long committedFrames;
    private long framesReceived;
    /** Set under sendLock when the descriptor is closed: after that it may belong to another client. */
    private boolean closed;
    private volatile boolean done;
    private boolean requestServed;
    private Map<String, Object> request;

    Session(Daemon daemon, UnixSocket socket, UnixSocket.Peer peer) {
        this.daemon = daemon;
        this.socket = socket;
        this.peer = peer;
    }

    UnixSocket.Peer peer() {
        return peer;
    }

    Reporter reporter() {
        return reporter;
    }

    Set<Integer> reportedPids() {
        return reportedPids;
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (ProtocolException e) {
            fail(e.getMessage());
        } catch (IOException e) {
            // The client went away or broke the connection; nothing to tell it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fail("internal error: " + e);
            System.err.println("nettrace daemon: session of pid " + peer.pid() + ": " + e);
        } finally {
            done = true;
            if (live != null) live.end();
            daemon.ended(this);
            synchronized (sendLock) {
                closed = true;
                socket.close();
            }
        }
    }

    private void serve() throws IOException, InterruptedException {
        int timeoutMs = daemon.frameTimeoutMs();
        long deadline = System.currentTimeMillis() + timeoutMs;
        boolean wasMidFrame = false;
        long framesBefore = 0;
        Memory nativeBuf = new Memory(64 * 1024);
        byte[] heapBuf = new byte[64 * 1024];
        while (!done && !requestServed) {
            boolean bounded = reporter == null || decoder.midFrame();
            long waitMs = bounded ? deadline - System.currentTimeMillis() : 1000;
            if (waitMs <= 0) {
                throw new ProtocolException(reporter == null ? "timed out: no request or hello within " + timeoutMs + " ms"
                        : "timed out: a frame must arrive whole within " + timeoutMs + " ms");
            }
            if (!socket.awaitReadable((int) Math.min(waitMs, 1000))) continue;
            int n = socket.read(nativeBuf, heapBuf.length);
            if (n < 0) {
                if (decoder.midFrame()) throw new ProtocolException("truncated frame: the connection ended inside a frame");
                return;
            }
            nativeBuf.read(0, heapBuf, 0, n);
            readBytes = n;
            decoder.feed(heapBuf, 0, n, this::handle);
            submitPending();
            boolean midFrame = decoder.midFrame();
            // A new frame started: its clock starts now (a streaming reporter is always mid-frame between reads).
            if (midFrame && reporter != null && (!wasMidFrame || framesReceived != framesBefore)) {
                deadline = System.currentTimeMillis() + timeoutMs;
            }
            wasMidFrame = midFrame;
            framesBefore = framesReceived;
        }
    }

    private void handle(byte type, byte[] buf, int start, int length) {
        if (requestServed) throw new ProtocolException("one request per connection");
        framesReceived++;
        // The hot paths: an agent's event is checked and kept as it came, never decoded; a helper's
        // lines are scanned where they lie. Neither copies the frame out of the decoder's buffer.
        if (reporter != null && type == Frame.AGENT_EVENT) {
            reporter.agentEvent(buf, start, length, pendingBatch);
            pendingFrames++;
            return;
        }
        if (reporter != null && type == Frame.RECORDS) {
            reporter.records(buf, start + Frame.HEADER + 1, length - Frame.HEADER - 1, pendingBatch);
            pendingFrames++;
            return;
        }
        Frame f = new Frame(type, Arrays.copyOfRange(buf, start + Frame.HEADER + 1, start + length));
        if (reporter == null) first(f);
        else report(f);
    }

    private void first(Frame f) {
        switch (f.type()) {
            case Frame.HELLO -> {
                reporter = Reporter.helper(json(f, "HELLO"), peer);
                live = daemon.live().open(reporter.describe());
            }
            case Frame.AGENT_HELLO -> {
                reporter = Reporter.agent(AgentFrames.decode(f).pid, peer);
                live = daemon.live().open(reporter.describe());
                // Listed, and live in ps, from its hello on, not only from its first event.
                reporter.agentDrops(0, pendingBatch);
                pendingFrames++;
            }
            case Frame.REQUEST -> {
                requestServed = true;
                request = json(f, "REQUEST");
            }
            default -> throw new ProtocolException(String.format("the first frame must be a hello or a REQUEST, not type 0x%02x", f.type() & 0xff));
        }
    }

    private void report(Frame f) {
        switch (f.type()) {
            case Frame.AGENT_DROPS -> reporter.agentDrops(AgentFrames.decode(f).count, pendingBatch);
            case Frame.AGENT_BYE -> {
                reporter.agentDrops(AgentFrames.decode(f).count, pendingBatch);
                done = true;
            }
            default -> throw new ProtocolException(String.format("a reporter may not send frames of type 0x%02x", f.type() & 0xff));
        }
        pendingFrames++;
    }

    private void submitPending() throws InterruptedException, IOException {
        if (request != null) {
            Requests.serve(daemon, this, request);
            return;
        }
        if (pendingFrames == 0) return;
        for (ProcessKey k : pending.keySet()) reportedPids.add(k.pid());
        List<Batch> batches = new ArrayList<>(pending.values());
        daemon.commitLoop().submit(this, batches, pendingFrames);
        live.offer(batches);
        pending.clear();
        pendingFrames = 0;
    }

    private static Map<String, Object> json(Frame f, String what) {
        try {
            return Json.parseObject(f.text());
        } catch (RuntimeException e) {
            throw new ProtocolException("malformed " + what + " frame: " + e.getMessage());
        }
    }

    /** Sends a reply frame, waiting for the client at most the frame timeout. */
    void reply(Frame f) throws IOException {
        synchronized (sendLock) {
            if (closed || !socket.sendAll(f.encode(), System.currentTimeMillis() + daemon.frameTimeoutMs())) {
                throw new IOException("client stopped reading");
            }
        }
    }

    /** Asks the reporter to stop tracing; it disconnects when it has. */
    void detach() {
        // Agents and helpers read the same envelope; both stop at DETACH (an agent then sends BYE).
        sendOrDrop(new Frame(Frame.DETACH, new byte[0]).encode());
    }

    @Override
    public void committed(int frames) {
        synchronized (sendLock) {
            committedFrames += frames;
            // The agent scans what it reads for the detach byte, so it must never get binary ACKs.
            if (closed || reporter.role() == Reporter.Role.AGENT) return;
            try {
                // ACKs are cumulative: one that does not fit now is skipped, the next one covers it.
                socket.sendNow(Frame.ack(committedFrames).encode());
            } catch (IOException e) {
                stop();
            }
        }
    }

    @Override
    public void failed(String why) {
        fail(why);
        stop();
    }

    /** Sends one line of error and ends the session; the daemon itself carries on. */
    void fail(String message) {
        String line = message.replace('\n', ' ');
        synchronized (sendLock) {
            if (!closed) {
                try {
                    socket.sendNow(Frame.of(Frame.ERROR, line).encode());
                } catch (IOException ignored) {
                    // the client is gone; the error had no one to go to
                }
            }
        }
        done = true;
    }

    /** Ends the session from another thread (daemon shutdown, a client that does not read). */
    void stop() {
        done = true;
        synchronized (sendLock) {
            if (!closed) socket.shutdown();
        }
    }

    private void sendOrDrop(byte[] data) {
        synchronized (sendLock) {
            if (closed) return;
            boolean sent;
            try {
                sent = socket.sendNow(data);
            } catch (IOException e) {
                sent = false;
            }
            // A reporter whose socket is full is not reading; the daemon does not buffer for it.
            if (!sent) stop();
        }
    }
}
