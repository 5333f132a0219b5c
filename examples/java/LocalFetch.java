import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A JVM to trace: serves one page on loopback, fetches it with java.net.http.HttpClient, then
 * tries a port nobody listens on. Run it traced with
 *
 *   ./nettrace run -- java examples/java/LocalFetch.java
 *   ./nettrace run --format text --stack -- java examples/java/LocalFetch.java
 */
public final class LocalFetch {
    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "hello from the JVM\n".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            URI page = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
            System.out.print("fetched " + page + ": " + r.statusCode() + " " + r.body());
        } finally {
            server.stop(0);
        }
        try (Socket s = new Socket(loopback, 1)) {
            System.out.println("port 1 answered?");
        } catch (java.io.IOException e) {
            System.out.println("port 1: " + e.getMessage());
        }
    }
}
