package dev.nettrace.daemon;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One message of the daemon protocol: a 4-byte big-endian length (of what follows), a type byte,
 * then the payload. The length is checked against {@link #MAX_LENGTH} before any payload is
 * read, so an oversized frame costs the daemon nothing.
 */
public record Frame(byte type, byte[] payload) {
    /** Upper bound of type byte + payload; reporters split larger batches. */
    public static final int MAX_LENGTH = 1 << 20;
    public static final int HEADER = 4;

    // Client to daemon. Kinds 0x01-0x0f are the agent's own frames (dev.nettrace.wire.FrameCodec,
    // same envelope), so a JVM's agent reports to the daemon exactly as it reports to `nettrace run`.
    /** Agent: u32 pid, string "java.version vm.name". Makes the connection an agent's. */
    public static final byte AGENT_HELLO = 0x01;
    /** Agent: one traced call. */
    public static final byte AGENT_EVENT = 0x02;
    /** Agent: u64 events lost so far (cumulative), string. */
    public static final byte AGENT_DROPS = 0x03;
    /** Agent: u64 events lost in total, string why it stopped; the agent disconnects after it. */
    public static final byte AGENT_BYE = 0x04;
    /** Helper: JSON {"proto":1,"source":"ptrace"}. Makes the connection a helper stream. */
    public static final byte HELLO = 0x10;
    /**
     * Helper: NDJSON records exactly as `run --format json` prints them (event, connection, exit
     * lines), plus {"type":"drops","pid":N,"dropped":TOTAL} for events it lost so far.
     */
    public static final byte RECORDS = 0x11;
    /** Command: JSON {"cmd":"ps"|"dump"|"detach"|"status"|"attach", ...}; one per connection. */
    public static final byte REQUEST = 0x12;

    // Daemon to client.
    /**
     * 8-byte big-endian count of this connection's frames (RECORDS, or agent EVENT and DROPS)
     * that are committed to disk. Cumulative, so a reporter that reads them late, or skips some,
     * loses nothing; the daemon skips an ACK rather than wait for a reporter that does not read.
     */
    public static final byte ACK = (byte) 0x81;
    /** One line of UTF-8 saying what was wrong; the daemon closes the connection after it. */
    public static final byte ERROR = (byte) 0x82;
    /** A chunk of a reply: NDJSON lines. */
    public static final byte DATA = (byte) 0x83;
    /** End of a reply: a JSON object (may be empty). */
    public static final byte END = (byte) 0x84;
    /** To a reporter: stop tracing this process and disconnect. */
    public static final byte DETACH = (byte) 0x85;

    public static Frame of(byte type, String text) {
        return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Frame ack(long committed) {
        return new Frame(ACK, ByteBuffer.allocate(8).putLong(committed).array());
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public long ackCount() {
        if (payload.length != 8) throw new ProtocolException("ACK frame of " + payload.length + " bytes, expected 8");
        return ByteBuffer.wrap(payload).getLong();
    }

    public byte[] encode() {
        int length = 1 + payload.length;
        if (length > MAX_LENGTH) throw new IllegalArgumentException("frame of " + length + " bytes exceeds " + MAX_LENGTH);
        return ByteBuffer.allocate(HEADER + length).putInt(length).put(type).put(payload).array();
    }

    static boolean known(byte type) {
        return switch (type) {
            case AGENT_HELLO, AGENT_EVENT, AGENT_DROPS, AGENT_BYE, HELLO, RECORDS, REQUEST, ACK, ERROR, DATA, END, DETACH -> true;
            default -> false;
        };
    }
}
