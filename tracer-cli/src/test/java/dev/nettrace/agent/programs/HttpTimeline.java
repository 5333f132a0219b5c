package dev.nettrace.agent.programs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * The program the connection-timeline test traces: from a thread of its own, one HTTP POST with
 * java.net.http.HttpClient to a local HttpServer by a name from the hosts file given with
 * -Djdk.net.hosts.file, then a connect to a port nobody listens on. Prints "name key=value..."
 * facts on stdout. Loopback only.
 */
public final class HttpTimeline {
    public static final String HOST = "nettrace-http.example";
    public static final int REQUEST_BODY = 3000, RESPONSE_BODY = 20000;

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/data", ex -> {
            long in;
            try (InputStream body = ex.getRequestBody()) {
                in = body.readAllBytes().length;
            }
            byte[] body = new byte[RESPONSE_BODY];
            Arrays.fill(body, (byte) 'x');
            // the server closes the connection after the response: a close the client sees
            ex.getResponseHeaders().set("Connection", "close");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
            NetScenarios.fact("served", "requestBody", in);
        });
        server.start();
        Thread caller = new Thread(() -> {
            try {
                call(server.getAddress().getPort());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "timeline-caller");
        caller.start();
        caller.join();
        server.stop(0);
        NetScenarios.fact("done");
    }

    static void call(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] payload = new byte[REQUEST_BODY];
        Arrays.fill(payload, (byte) 'y');
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/data"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(), HttpResponse.BodyHandlers.ofByteArray());
        NetScenarios.fact("http", "port", port, "status", r.statusCode(), "body", r.body().length);

        int closed;
        try (ServerSocket gone = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            closed = gone.getLocalPort();
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), closed));
            NetScenarios.fact("refused", "port", closed, "outcome", "connected?!");
        } catch (IOException e) {
            NetScenarios.fact("refused", "port", closed, "outcome", e.getClass().getName());
        }
    }
}
