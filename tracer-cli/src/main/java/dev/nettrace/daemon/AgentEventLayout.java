package dev.nettrace.daemon;

/**
 * Checks an agent EVENT frame against dev.nettrace.wire.FrameCodec's layout and reads its
 * timestamp, without decoding it: the store keeps the frame as it came and decodes it only when
 * it is dumped, so what it accepts must be exactly what FrameCodec.decode will read back. Walking
 * the fields allocates nothing, which matters at hundreds of thousands of events a second.
 */
final class AgentEventLayout {
    private AgentEventLayout() {}

    private static final int NULL = 0xFFFF;
    /** Strings after the fixed fields: errno, thread, family, sockType, local, remote, exception, message, host, option, value. */
    private static final int STRINGS = 11;
    /** Lists after them: answers, stack. */
    private static final int LISTS = 2;

    /**
     * The event's ts. frame[start, start + length) is the whole frame (length prefix, kind
     * byte, body); throws the same protocol error as a frame FrameCodec cannot decode.
     */
    static long timestamp(byte[] frame, int start, int length) {
        int end = start + length;
        int at = start + Frame.HEADER + 1;
        at = skipString(frame, at, end);
        at += 1 + 3 * 4; // virtual, fd, newFd, tid
        int tsAt = at;
        at += 4 * 8; // ts, durNs, ret, bytes
        if (at > end) throw malformed();
        for (int i = 0; i < STRINGS; i++) at = skipString(frame, at, end);
        for (int i = 0; i < LISTS; i++) {
            int n = u16(frame, at, end);
            at += 2;
            if (n == NULL) continue;
            for (int k = 0; k < n; k++) at = skipString(frame, at, end);
        }
        long ts = 0;
        for (int i = 0; i < 8; i++) ts = ts << 8 | (frame[tsAt + i] & 0xff);
        return ts;
    }

    private static int skipString(byte[] b, int at, int end) {
        int n = u16(b, at, end);
        at += 2;
        if (n == NULL) return at;
        if (at + n > end) throw malformed();
        return at + n;
    }

    private static int u16(byte[] b, int at, int end) {
        if (at + 2 > end) throw malformed();
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static ProtocolException malformed() {
        // FrameCodec's words for the same fault, so a client sees one message whichever end judged it.
        return new ProtocolException("malformed agent frame: truncated or corrupt frame");
    }
}
