package dev.nettrace.probe;

import java.net.Inet6Address;
import java.net.InetAddress;

/** The Internet checksum (RFC 1071), with the pseudo-header TCP and UDP need. */
final class Checksum {
    private Checksum() {}

    static int sum(byte[] b, int off, int len, int acc) {
        for (int i = 0; i + 1 < len; i += 2) acc += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        if ((len & 1) != 0) acc += (b[off + len - 1] & 0xff) << 8;
        return acc;
    }

    static int fold(int acc) {
        long a = acc & 0xffffffffL;
        while ((a >> 16) != 0) a = (a & 0xffff) + (a >> 16);
        return (int) (~a & 0xffff);
    }

    static int of(byte[] b) {
        return fold(sum(b, 0, b.length, 0));
    }

    /** Checksum of a TCP or UDP segment including the IPv4 or IPv6 pseudo-header. */
    static int transport(InetAddress src, InetAddress dst, int proto, byte[] segment) {
        byte[] s = src.getAddress(), d = dst.getAddress();
        int acc = sum(s, 0, s.length, 0);
        acc = sum(d, 0, d.length, acc);
        if (dst instanceof Inet6Address) {
            acc += segment.length >>> 16;
            acc += segment.length & 0xffff;
        } else {
            acc += segment.length;
        }
        acc += proto;
        return fold(sum(segment, 0, segment.length, acc));
    }
}
