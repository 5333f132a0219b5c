package dev.nettrace.timeline;

import java.io.IOException;
import java.util.List;

/** {@link Scripts#SERVER}, untraced, in one of its manners; reports what it sent and received per connection. */
final class LoopbackServer implements AutoCloseable {
    final PythonProgram program;
    final int port;

    LoopbackServer(String mode) throws IOException {
        program = PythonProgram.start(List.of(), Scripts.SERVER, mode);
        String[] ready = program.awaitLine().split(" ");
        port = Integer.parseInt(ready[1]);
    }

    record Served(int peerPort, long sent, long received) {}

    /** The report of the next connection the server finished with. */
    Served nextConnection() throws IOException {
        String[] f = program.awaitLine().split(" ");
        return new Served(Integer.parseInt(f[1]), Long.parseLong(f[3]), Long.parseLong(f[5]));
    }

    @Override
    public void close() {
        program.close();
    }
}
