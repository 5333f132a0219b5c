package dev.nettrace.daemon;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A JVM that opens RATE loopback connections per second to PORT for SECONDS (each closed with
 * SO_LINGER 0, so 30 s of them do not exhaust the ephemeral ports in TIME_WAIT), then prints
 * "connections=N".
 */
public final class ConnectLoop {
    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        double seconds = Double.parseDouble(args[1]);
        int rate = Integer.parseInt(args[2]);
        long start = System.nanoTime(), end = start + (long) (seconds * 1e9);
        long made = 0;
        while (System.nanoTime() < end) {
            long due = start + made * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 1_000_000) Thread.sleep(wait / 1_000_000);
            try (Socket s = new Socket()) {
                s.setSoLinger(true, 0);
                s.connect(server);
            }
            made++;
        }
        System.out.println("connections=" + made);
    }
}
