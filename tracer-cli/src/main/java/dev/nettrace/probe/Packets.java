package dev.nettrace.probe;

import dev.nettrace.os.Libc;
import java.net.InetAddress;

/** Headers the probes build by hand: ICMP echo and bare TCP segments. */
final class Packets {
    static final int TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_ACK = 0x10;

    private Packets() {}

    /**
     * An ICMP (v4 or v6) echo request. The first payload word is the complement of seq, so the
     * checksum is the same for every seq of a trace: load balancers that hash the first bytes of
     * the ICMP header then keep the whole trace on one path (the paris-traceroute trick).
     */
    static byte[] echoRequest(boolean v6, int id, int seq, int size) {
        byte[] p = new byte[Math.max(size, 12)];
        p[0] = (byte) (v6 ? 128 : 8);
        put16(p, 4, id);
        put16(p, 6, seq);
        put16(p, 8, ~seq & 0xffff);
        for (int i = 10; i < p.length; i++) p[i] = (byte) (0x40 + i % 32);
        // The kernel fills the ICMPv6 checksum itself (it needs the pseudo-header).
        if (!v6) put16(p, 2, Checksum.of(p));
        return p;
    }

    /** A TCP segment without options (20 bytes), checksummed for src -> dst. */
    static byte[] tcp(InetAddress src, int sport, InetAddress dst, int dport, long seq, long ack, int flags, int window) {
        byte[] t = new byte[20];
        put16(t, 0, sport);
        put16(t, 2, dport);
        put32(t, 4, seq);
        put32(t, 8, ack);
        t[12] = 5 << 4;
        t[13] = (byte) flags;
        put16(t, 14, window);
        put16(t, 16, Checksum.transport(src, dst, Libc.IPPROTO_TCP, t));
        return t;
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >> 8);
        b[off + 1] = (byte) v;
    }

    static void put32(byte[] b, int off, long v) {
        b[off] = (byte) (v >> 24);
        b[off + 1] = (byte) (v >> 16);
        b[off + 2] = (byte) (v >> 8);
        b[off + 3] = (byte) v;
    }

    static int get16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    static long get32(byte[] b, int off) {
        return (long) get16(b, off) << 16 | get16(b, off + 2);
    }
}
