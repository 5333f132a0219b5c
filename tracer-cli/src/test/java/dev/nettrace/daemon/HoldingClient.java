package dev.nettrace.daemon;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;

/**
 * A JVM for the agent to trace: prints "pid PID", waits for a line on stdin (the test's word that
 * the agent reports), then connects to the loopback port given, sends 5 bytes, keeps the
 * connection open for the milliseconds given, closes it and exits.
 */
public final class HoldingClient {
    public static void main(String[] args) throws Exception {
        System.out.println("pid " + ProcessHandle.current().pid());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]))) {
            s.getOutputStream().write("hello".getBytes());
            Thread.sleep(Long.parseLong(args[1]));
        }
    }
}
