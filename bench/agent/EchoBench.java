import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Loopback echo: a client thread sends an 8-byte message and waits for it to come back, a
 * server thread echoes it; ROUNDS round trips after a warm-up, through java.net.Socket
 * ("blocking") or SocketChannel ("nio"). Prints the timed loop's wall-clock nanoseconds and the
 * CPU nanoseconds this process used meanwhile (all its threads: the tracer's own thread, JIT
 * and GC included); JVM start-up and the tracer's attach are outside the measurement. On a
 * busy machine the CPU time is the steadier of the two.
 *
 * Usage: java EchoBench.java blocking|nio ROUNDS
 */
public final class EchoBench {
    private static final int MESSAGE = 8, WARMUP = 20_000;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int rounds = Integer.parseInt(args[1]);
        long cpu0 = cpuNanos();
        long ns = mode.equals("nio") ? nio(rounds) : blocking(rounds);
        System.out.println(ns + " " + (cpuNanos() - cpu0));
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static long blocking(int rounds) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    s.setTcpNoDelay(true);
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    byte[] b = new byte[MESSAGE];
                    for (int i = 0; i < WARMUP + rounds; i++) {
                        in.readFully(b);
                        out.write(b);
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            server.start();
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                c.setTcpNoDelay(true);
                DataInputStream in = new DataInputStream(c.getInputStream());
                OutputStream out = c.getOutputStream();
                byte[] b = new byte[MESSAGE];
                for (int i = 0; i < WARMUP; i++) {
                    out.write(b);
                    in.readFully(b);
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    out.write(b);
                    in.readFully(b);
                }
                long t = System.nanoTime() - t0;
                server.join();
                return t;
            }
        }
    }

    private static long nio(int rounds) throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread server = new Thread(() -> {
                try (SocketChannel s = listener.accept()) {
                    ByteBuffer b = ByteBuffer.allocateDirect(MESSAGE);
                    for (int i = 0; i < WARMUP + rounds; i++) {
                        fill(s, b);
                        drain(s, b);
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            server.start();
            try (SocketChannel c = SocketChannel.open(listener.getLocalAddress())) {
                c.socket().setTcpNoDelay(true);
                ByteBuffer b = ByteBuffer.allocateDirect(MESSAGE);
                for (int i = 0; i < WARMUP; i++) {
                    drain(c, b);
                    fill(c, b);
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    drain(c, b);
                    fill(c, b);
                }
                long t = System.nanoTime() - t0;
                server.join();
                return t;
            }
        }
    }

    /** Reads one whole message into b. */
    private static void fill(SocketChannel ch, ByteBuffer b) throws IOException {
        b.clear();
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) throw new IOException("closed");
        }
    }

    /** Writes b's whole message. */
    private static void drain(SocketChannel ch, ByteBuffer b) throws IOException {
        b.clear();
        while (b.hasRemaining()) ch.write(b);
    }
}
