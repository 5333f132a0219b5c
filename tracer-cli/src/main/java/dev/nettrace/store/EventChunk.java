package dev.nettrace.store;

import dev.nettrace.agent.AgentEvent;
import dev.nettrace.agent.FrameEvents;
import dev.nettrace.json.Json;
import dev.nettrace.model.Event;
import dev.nettrace.wire.FrameCodec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.Deflater;

/**
 * Events of one process in the form the store keeps them: a run of entries, each a u64
 * timestamp and then a frame in the daemon's envelope (u32 length, kind byte, payload). An agent
 * event is kept as the agent's own binary EVENT frame and an NDJSON line as its bytes, so the
 * ingest path only copies; turning agent frames into NDJSON waits until someone dumps them, which
 * is rare next to the rate at which agents report. Filled by one thread, then handed on.
 */
public final class EventChunk {
    /** An agent EVENT frame, verbatim (dev.nettrace.wire.FrameCodec). */
    static final byte AGENT_EVENT = dev.nettrace.wire.Frame.EVENT;
    /** One NDJSON event line, UTF-8, no newline. */
    static final byte NDJSON_LINE = 0x11;
    private static final int FRAME_HEADER = 4 + 1;

    private byte[] buf;
    private int size, count;
    private long firstTs = Long.MAX_VALUE, lastTs = Long.MIN_VALUE;

    /** capacity: the bytes expected, so that a full read's events are not copied again and again as the buffer grows. */
    EventChunk(int capacity) {
        buf = new byte[Math.max(256, capacity)];
    }

    /** Appends an agent EVENT frame: frame[off, off + len) is the whole frame, length prefix included. */
    public void addAgentFrame(long ts, byte[] frame, int off, int len) {
        room(8 + len);
        putLong(ts);
        System.arraycopy(frame, off, buf, size, len);
        size += len;
        counted(ts);
    }

    /** Appends one NDJSON event line: line[off, off + len). */
    public void addLine(long ts, byte[] line, int off, int len) {
        room(8 + FRAME_HEADER + len);
        putLong(ts);
        putInt(len + 1);
        buf[size++] = NDJSON_LINE;
        System.arraycopy(line, off, buf, size, len);
        size += len;
        counted(ts);
    }

    /** Makes room for about this many more bytes of events at once, rather than doubling towards it. */
    public void reserve(int bytes) {
        room(bytes);
    }

    public int count() {
        return count;
    }

    long firstTs() {
        return firstTs;
    }

    long lastTs() {
        return lastTs;
    }

    /** Hands the entries to a deflater as its next input; they must stay unchanged until it has consumed them. */
    void feed(Deflater deflater) {
        deflater.setInput(buf, 0, size);
    }

    /**
     * Renders the entries of a stored chunk body as NDJSON lines, those with a timestamp within
     * [since, until] (all of them when whole). pid is the process's, which agent frames omit.
     */
    static void render(byte[] body, int pid, long since, long until, boolean whole, Consumer<String> sink) {
        walk(body, body.length, (ts, kind, b, frameStart, frameLength) -> {
            if (!whole && (ts < since || ts > until)) return;
            if (kind == NDJSON_LINE) sink.accept(line(b, frameStart, frameLength));
            else sink.accept(Json.write(agentEvent(b, frameStart, frameLength, pid).toMap()));
        });
    }

    /** Receives the records of a chunk decoded, for the daemon's live correlation. */
    public interface Records {
        void event(Event e);

        /** A record that is not an event (a process's exit), as parsed from its NDJSON line. */
        void other(Map<String, Object> record);
    }

    /**
     * Hands over this (not yet stored) chunk's records decoded, in order; pid is the process's.
     * Reads only: the writer may be deflating the same entries at the same time.
     */
    public void decode(int pid, Records sink) {
        walk(buf, size, (ts, kind, b, frameStart, frameLength) -> {
            if (kind == AGENT_EVENT) {
                sink.event(agentEvent(b, frameStart, frameLength, pid).event());
                return;
            }
            Map<String, Object> m = Json.parseObject(line(b, frameStart, frameLength));
            if ("event".equals(m.get("type"))) sink.event(Event.fromMap(m));
            else sink.other(m);
        });
    }

    private interface Entry {
        /** b[frameStart, frameStart + frameLength) is the whole frame, length prefix included. */
        void accept(long ts, byte kind, byte[] b, int frameStart, int frameLength);
    }

    private static void walk(byte[] body, int size, Entry entry) {
        int at = 0;
        while (at < size) {
            if (size - at < 8 + FRAME_HEADER) throw corrupt();
            long ts = getLong(body, at);
            int length = getInt(body, at + 8);
            int frameStart = at + 8;
            at = frameStart + 4 + length;
            if (length < 1 || at > size || at < 0) throw corrupt();
            byte kind = body[frameStart + 4];
            if (kind != NDJSON_LINE && kind != AGENT_EVENT) throw corrupt();
            entry.accept(ts, kind, body, frameStart, 4 + length);
        }
    }

    private static String line(byte[] b, int frameStart, int frameLength) {
        return new String(b, frameStart + FRAME_HEADER, frameLength - FRAME_HEADER, StandardCharsets.UTF_8);
    }

    /** An agent event, exactly as `run` reads it from a JVM it traces. */
    private static AgentEvent agentEvent(byte[] body, int off, int len, int pid) {
        try {
            return FrameEvents.toEvent(FrameCodec.decode(new DataInputStream(new ByteArrayInputStream(body, off, len))), pid);
        } catch (IOException e) {
            throw new StoreException("a stored agent event is corrupt: " + e.getMessage(), e);
        }
    }

    private static StoreException corrupt() {
        return new StoreException("a stored event chunk is corrupt");
    }

    private void counted(long ts) {
        count++;
        firstTs = Math.min(firstTs, ts);
        lastTs = Math.max(lastTs, ts);
    }

    private void room(int more) {
        if (size + more > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void putInt(int v) {
        buf[size] = (byte) (v >>> 24);
        buf[size + 1] = (byte) (v >>> 16);
        buf[size + 2] = (byte) (v >>> 8);
        buf[size + 3] = (byte) v;
        size += 4;
    }

    private static long getLong(byte[] b, int at) {
        return ((long) getInt(b, at) << 32) | (getInt(b, at + 4) & 0xffffffffL);
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
