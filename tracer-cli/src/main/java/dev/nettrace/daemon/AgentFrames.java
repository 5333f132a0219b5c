package dev.nettrace.daemon;

import dev.nettrace.wire.FrameCodec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Reads the agent's own frames (kinds 0x01-0x04) with the agent's codec, so that the daemon
 * accepts exactly what a JVM started with -javaagent:nettrace-agent.jar=socket=DAEMON sends.
 */
final class AgentFrames {
    private AgentFrames() {}

    static dev.nettrace.wire.Frame decode(Frame f) {
        try {
            return FrameCodec.decode(new DataInputStream(new ByteArrayInputStream(f.encode())));
        } catch (IOException | RuntimeException e) {
            throw new ProtocolException("malformed agent frame: " + e.getMessage());
        }
    }
}
