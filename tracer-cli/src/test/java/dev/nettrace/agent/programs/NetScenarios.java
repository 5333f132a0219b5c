package dev.nettrace.agent.programs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The program the agent tests trace: one method per scenario, run in order, each printing
 * "name key=value..." facts (ports, byte counts) on stdout that the test checks the trace
 * against. Loopback only; names resolve through the hosts file given with -Djdk.net.hosts.file.
 */
public final class NetScenarios {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    public static void main(String[] args) throws Exception {
        blockingConnect();
        refused();
        timeout();
        nonBlockingConnect();
        udp();
        connectedUdp();
        dns();
        http();
        if (Runtime.version().feature() >= 21) virtualThread();
        System.out.println("done");
    }

    static void fact(String scenario, Object... keyValues) {
        StringBuilder b = new StringBuilder(scenario);
        for (int i = 0; i < keyValues.length; i += 2) b.append(' ').append(keyValues[i]).append('=').append(keyValues[i + 1]);
        System.out.println(b);
        System.out.flush();
    }

    static void blockingConnect() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, LOOPBACK)) {
            Thread server = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    byte[] b = s.getInputStream().readNBytes(5);
                    s.getOutputStream().write(b);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, "echo-server");
            server.start();
            try (Socket c = new Socket()) {
                c.connect(new InetSocketAddress(LOOPBACK, listener.getLocalPort()));
                c.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                byte[] back = c.getInputStream().readNBytes(5);
                fact("blocking", "port", listener.getLocalPort(), "localPort", c.getLocalPort(), "echo", new String(back, StandardCharsets.US_ASCII));
            }
            server.join();
        }
    }

    static void refused() throws Exception {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 50, LOOPBACK)) {
            port = gone.getLocalPort();
        }
        try (Socket c = new Socket()) {
            c.connect(new InetSocketAddress(LOOPBACK, port));
            fact("refused", "port", port, "outcome", "connected?!");
        } catch (IOException e) {
            fact("refused", "port", port, "outcome", e.getClass().getName());
        }
    }

    /** A listener whose accept queue is full drops SYNs: the connect times out on loopback. */
    static void timeout() throws Exception {
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, LOOPBACK)) {
            for (int i = 0; i < 8; i++) {
                Socket c = new Socket();
                try {
                    c.connect(new InetSocketAddress(LOOPBACK, full.getLocalPort()), 300);
                    queued.add(c);
                } catch (SocketTimeoutException e) {
                    fact("timeout", "port", full.getLocalPort(), "queued", queued.size());
                    break;
                }
            }
        } finally {
            for (Socket s : queued) s.close();
        }
    }

    static void nonBlockingConnect() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             Selector selector = Selector.open();
             SocketChannel c = SocketChannel.open()) {
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            c.configureBlocking(false);
            boolean immediate = c.connect(new InetSocketAddress(LOOPBACK, port));
            if (!immediate) {
                c.register(selector, SelectionKey.OP_CONNECT);
                while (selector.select(5000) == 0) { }
                if (!c.finishConnect()) throw new IllegalStateException("not connected after select");
            }
            try (SocketChannel accepted = listener.accept()) {
                c.write(ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer in = ByteBuffer.allocate(3);
                while (in.hasRemaining()) accepted.read(in);
            }
            fact("nio", "port", port, "immediate", immediate);
        }
    }

    static void udp() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            client.send(new DatagramPacket("ping".getBytes(StandardCharsets.US_ASCII), 4, server.getLocalSocketAddress()));
            DatagramPacket p = new DatagramPacket(new byte[100], 100);
            server.receive(p);
            server.send(new DatagramPacket("pong!".getBytes(StandardCharsets.US_ASCII), 5, p.getSocketAddress()));
            DatagramPacket back = new DatagramPacket(new byte[100], 100);
            client.receive(back);
            fact("udp", "server", server.getLocalPort(), "client", client.getLocalPort());
        }
    }

    static void connectedUdp() throws Exception {
        try (DatagramChannel server = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            client.connect(server.getLocalAddress());
            client.write(ByteBuffer.wrap("abcdef".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer in = ByteBuffer.allocate(100);
            InetSocketAddress from = (InetSocketAddress) server.receive(in);
            server.send(ByteBuffer.wrap("xy".getBytes(StandardCharsets.US_ASCII)), from);
            client.read(ByteBuffer.allocate(100));
            fact("cudp", "server", ((InetSocketAddress) server.getLocalAddress()).getPort(), "client", from.getPort());
        }
    }

    static void dns() throws Exception {
        InetAddress found = InetAddress.getByName("nettrace-test.example");
        String missing;
        try {
            InetAddress.getByName("nettrace-missing.example");
            missing = "resolved?!";
        } catch (UnknownHostException e) {
            missing = "UnknownHostException";
        }
        fact("dns", "found", found.getHostAddress(), "missing", missing);
    }

    static void http() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.createContext("/x", ex -> {
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            try (InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            fact("http", "port", port, "status", r.statusCode(), "body", r.body());
        } finally {
            server.stop(0);
        }
    }

    /** Thread.ofVirtual() exists from JDK 21 on: reached by reflection so this compiles for 17. */
    static void virtualThread() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, LOOPBACK)) {
            Runnable client = () -> {
                try (Socket c = new Socket()) {
                    c.connect(new InetSocketAddress(LOOPBACK, listener.getLocalPort()));
                    c.getOutputStream().write(1);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            };
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class).invoke(builder, "vt-client");
            java.lang.reflect.Method start = builderType.getMethod("start", Runnable.class);
            Thread t = (Thread) start.invoke(builder, client);
            try (Socket s = listener.accept()) {
                s.getInputStream().read();
            }
            t.join();
            fact("virtual", "port", listener.getLocalPort());
        }
    }
}
