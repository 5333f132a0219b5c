package dev.nettrace.daemon;

import java.util.Map;

/**
 * Reads the agent's own frames (kinds 0x01-0x04). The byte format belongs to the agent's codec,
 * dev.nettrace.wire.FrameCodec; until that class is part of this build, agent frames are refused
 * with a clear error rather than guessed at.
 */
final class AgentFrames {
    private AgentFrames() {}

    private static final String MISSING = "this daemon was built without the agent's frame codec (dev.nettrace.wire); agent frames are not accepted";

    static long helloPid(Frame f) {
        throw new ProtocolException(MISSING);
    }

    static Map<String, Object> event(Frame f) {
        throw new ProtocolException(MISSING);
    }

    static long dropped(Frame f) {
        throw new ProtocolException(MISSING);
    }
}
