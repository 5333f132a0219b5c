package dev.nettrace.daemon;

import dev.nettrace.wire.FrameCodec;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Checks an agent EVENT frame against dev.nettrace.wire.FrameCodec's layout and reads its
 * timestamp, without decoding it: the store keeps the frame as it came and decodes it only when
 * it is dumped, so what it accepts must be exactly what FrameCodec.decode will read back: the
 * codec itself walks the fields, without building their strings, which matters at hundreds of
 * thousands of events a second.
 */
final class AgentEventLayout {
    private AgentEventLayout() {}

    /**
     * The event's ts. frame[start, start + length) is the whole frame (length prefix, kind
     * byte, body); throws the same protocol error as a frame FrameCodec cannot decode.
     */
    static long timestamp(byte[] frame, int start, int length) {
        int body = start + Frame.HEADER + 1;
        if (length < Frame.HEADER + 1 || start + length > frame.length) throw malformed();
        try {
            return FrameCodec.eventTimestamp(ByteBuffer.wrap(frame, body, start + length - body).slice());
        } catch (IOException e) {
            throw malformed();
        }
    }

    private static ProtocolException malformed() {
        // FrameCodec's words for the same fault, so a client sees one message whichever end judged it.
        return new ProtocolException("malformed agent frame: truncated or corrupt frame");
    }
}
