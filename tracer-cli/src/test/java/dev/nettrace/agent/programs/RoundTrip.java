package dev.nettrace.agent.programs;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** One loopback TCP round trip through java.net.Socket; prints "done port=P" (the listener's). */
public final class RoundTrip {
    public static void main(String[] args) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            client.getOutputStream().write(new byte[] {1, 2, 3});
            InputStream in = accepted.getInputStream();
            byte[] got = in.readNBytes(3);
            accepted.getOutputStream().write(got);
            client.getInputStream().readNBytes(3);
            System.out.println("done port=" + listener.getLocalPort());
        }
    }
}
