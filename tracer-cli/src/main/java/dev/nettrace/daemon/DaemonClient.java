package dev.nettrace.daemon;

import dev.nettrace.json.Json;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/** The client end of the daemon protocol, for the CLI's commands and for reporters written in Java. */
public final class DaemonClient implements AutoCloseable {
    private final Path path;
    private final SocketChannel channel;
    private final DataInputStream in;

    private DaemonClient(Path path, SocketChannel channel) {
        this.path = path;
        this.channel = channel;
        // Not Channels.newInputStream/newOutputStream: those lock the channel for a blocking read,
        // and a reporter reads ACKs on one thread while it writes on another.
        this.in = new DataInputStream(new java.io.BufferedInputStream(new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return channel.read(ByteBuffer.wrap(b, off, len));
            }
        }, 64 * 1024));
    }

    /** Connects, or fails with a message that says which socket and why. */
    public static DaemonClient connect(Path socket) throws DaemonException {
        try {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            return new DaemonClient(socket, ch);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new DaemonException("no nettrace daemon on " + socket + " (" + why + "); start one with 'nettrace daemon'");
        }
    }

    /** True if a daemon accepts connections at path. */
    static boolean answers(Path path) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public void send(Frame f) throws IOException {
        sendRaw(f.encode());
    }

    /** Bytes already framed elsewhere (an agent's codec writes many frames into one buffer). */
    public void sendRaw(byte[] frames) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(frames);
        while (b.hasRemaining()) channel.write(b);
    }

    /** The next frame from the daemon; an ERROR frame becomes a DaemonException carrying its line. */
    public Frame receive() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new DaemonException("the daemon on " + path + " closed the connection");
        }
        if (length <= 0 || length > Frame.MAX_LENGTH) throw new DaemonException("the daemon on " + path + " sent a frame of " + length + " bytes");
        byte type = in.readByte();
        byte[] payload = new byte[length - 1];
        in.readFully(payload);
        Frame f = new Frame(type, payload);
        if (type == Frame.ERROR) throw new DaemonException(f.text());
        return f;
    }

    /** Sends one request, passes every DATA frame to data, and returns the END object. */
    public Map<String, Object> request(Map<String, Object> req, Consumer<Frame> data) throws IOException {
        send(Frame.of(Frame.REQUEST, Json.write(req)));
        while (true) {
            Frame f = receive();
            if (f.type() == Frame.END) return Json.parseObject(f.text());
            if (f.type() != Frame.DATA) throw new DaemonException(String.format("unexpected frame type 0x%02x from the daemon", f.type() & 0xff));
            data.accept(f);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
