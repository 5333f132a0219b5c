package dev.nettrace.agent.programs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A long-running JVM for the attach tests. A background thread makes one loopback round trip
 * every 20 ms; commands on stdin: "flood N" (N UDP datagrams as fast as possible), "quit".
 */
public final class AttachTarget {
    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket listener = new ServerSocket(0, 50, loopback);
        Thread server = new Thread(() -> serve(listener), "echo-server");
        server.setDaemon(true);
        server.start();
        Thread client = new Thread(() -> ping(loopback, listener.getLocalPort()), "pinger");
        client.setDaemon(true);
        client.start();
        System.out.println("ready " + ProcessHandle.current().pid() + " " + listener.getLocalPort());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            String[] cmd = line.trim().split(" ");
            switch (cmd[0]) {
                case "flood" -> System.out.println("flooded " + flood(loopback, Integer.parseInt(cmd[1])));
                case "quit" -> {
                    System.out.println("bye");
                    return;
                }
                default -> System.out.println("unknown " + line);
            }
            System.out.flush();
        }
    }

    private static void serve(ServerSocket listener) {
        while (true) {
            try (Socket s = listener.accept()) {
                s.getOutputStream().write(s.getInputStream().read());
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void ping(InetAddress loopback, int port) {
        while (true) {
            try (Socket c = new Socket()) {
                c.connect(new InetSocketAddress(loopback, port));
                c.getOutputStream().write(1);
                c.getInputStream().read();
                Thread.sleep(20);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private static int flood(InetAddress loopback, int count) throws IOException {
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(loopback, 0));
             DatagramSocket source = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            DatagramPacket p = new DatagramPacket(new byte[8], 8, sink.getLocalSocketAddress());
            for (int i = 0; i < count; i++) source.send(p);
            return count;
        }
    }
}
