package dev.nettrace.probe;

import java.net.InetSocketAddress;

/** Addresses as /proc/net/tcp and tcp6 print them: hex words in host (little-endian) order. */
final class ProcNetAddress {
    private ProcNetAddress() {}

    static InetSocketAddress decode(String hexAddrPort) {
        String[] p = hexAddrPort.split(":");
        String hex = p[0];
        byte[] raw = new byte[hex.length() / 2];
        for (int word = 0; word < raw.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                raw[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return new InetSocketAddress(SockAddr.address(raw), Integer.parseInt(p[1], 16));
    }
}
