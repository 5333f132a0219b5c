package dev.nettrace.daemon;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A JVM for the agent to trace: on each line of stdin it makes one loopback connection (sends
 * 5 bytes, reads them back) and prints "done PORT"; it exits at the end of stdin.
 */
public final class AgentTarget {
    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                while (true) {
                    try (Socket s = server.accept()) {
                        InputStream in = s.getInputStream();
                        byte[] b = in.readNBytes(5);
                        s.getOutputStream().write(b);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            echo.setDaemon(true);
            echo.start();
            while (System.in.read() >= 0) {
                try (Socket c = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    OutputStream out = c.getOutputStream();
                    out.write("hello".getBytes());
                    c.getInputStream().readNBytes(5);
                }
                System.out.println("done " + server.getLocalPort());
                System.out.flush();
            }
        }
    }
}
