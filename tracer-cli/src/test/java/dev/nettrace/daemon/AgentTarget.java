package dev.nettrace.daemon;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A JVM for the agent to trace: makes one loopback connection (sends 5 bytes, reads them back)
 * and prints "done PORT" on each line of stdin, and exits at the end of stdin. With arguments
 * "exit N" it prints "pid PID", makes one connection and exits with status N.
 */
public final class AgentTarget {
    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                while (true) {
                    try (Socket s = server.accept()) {
                        s.getOutputStream().write(s.getInputStream().readNBytes(5));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            echo.setDaemon(true);
            echo.start();
            if (args.length == 2 && args[0].equals("exit")) {
                System.out.println("pid " + ProcessHandle.current().pid());
                connect(server.getLocalPort());
                System.exit(Integer.parseInt(args[1]));
            }
            while (System.in.read() >= 0) connect(server.getLocalPort());
        }
    }

    private static void connect(int port) throws Exception {
        try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = c.getOutputStream();
            out.write("hello".getBytes());
            c.getInputStream().readNBytes(5);
        }
        System.out.println("done " + port);
        System.out.flush();
    }
}
