package dev.nettrace.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A client that writes whatever bytes a test wants and reads the daemon's one-line answer. */
final class RawClient implements AutoCloseable {
    final SocketChannel ch;

    RawClient(Path socket) throws IOException {
        ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) ch.write(b);
    }

    static byte[] header(int length, int type) {
        return ByteBuffer.allocate(5).putInt(length).put((byte) type).array();
    }

    /**
     * Reads until the daemon closes the connection and returns the ERROR frame's text, or null if
     * it closed without one. Fails if the daemon keeps it open past timeoutMs.
     */
    String awaitError(long timeoutMs) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        ByteBuffer all = ByteBuffer.allocate(1 << 16);
        try (java.nio.channels.Selector sel = java.nio.channels.Selector.open()) {
            ch.configureBlocking(false);
            ch.register(sel, java.nio.channels.SelectionKey.OP_READ);
            while (true) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) throw new AssertionError("the daemon kept the connection open for " + timeoutMs + " ms");
                sel.select(left);
                sel.selectedKeys().clear();
                int n;
                try {
                    n = ch.read(all);
                } catch (IOException reset) {
                    n = -1;
                }
                if (n < 0 || !all.hasRemaining()) break;
            }
        }
        all.flip();
        while (all.remaining() >= 5) {
            int len = all.getInt();
            byte type = all.get();
            byte[] payload = new byte[Math.min(len - 1, all.remaining())];
            all.get(payload);
            if (type == Frame.ERROR) return new String(payload, StandardCharsets.UTF_8);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
