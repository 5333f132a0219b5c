package dev.nettrace.probe;

import java.net.InetAddress;

/**
 * A received ICMP or ICMPv6 message. For errors, the packet it quotes (our probe) is decoded far
 * enough to match it: destination, protocol, the first 8 bytes of the transport header.
 */
record IcmpMessage(boolean v6, int type, int code, int mtu, int echoId, int echoSeq, Quoted quoted) {
    /** The part of our own probe that an ICMP error carries back. */
    record Quoted(InetAddress dst, int proto, int srcPort, int dstPort, long tcpSeq, int icmpId, int icmpSeq) {}

    static IcmpMessage parse(boolean v6, byte[] b) {
        if (b.length < 8) return null;
        int type = b[0] & 0xff, code = b[1] & 0xff;
        int id = Packets.get16(b, 4), seq = Packets.get16(b, 6);
        int mtu = v6 ? (int) Packets.get32(b, 4) : Packets.get16(b, 6);
        return new IcmpMessage(v6, type, code, mtu, id, seq, isError(v6, type) ? quoted(v6, b) : null);
    }

    private static boolean isError(boolean v6, int type) {
        return v6 ? type < 128 : type == 3 || type == 11 || type == 12;
    }

    private static Quoted quoted(boolean v6, byte[] b) {
        int ip = 8;
        int proto, hdr;
        InetAddress dst;
        if (v6) {
            if (b.length < ip + 40 + 8) return null;
            proto = b[ip + 6] & 0xff;
            dst = SockAddr.address(SockAddr.slice(b, ip + 24, 16));
            hdr = ip + 40;
        } else {
            if (b.length < ip + 20 + 8) return null;
            proto = b[ip + 9] & 0xff;
            dst = SockAddr.address(SockAddr.slice(b, ip + 16, 4));
            hdr = ip + (b[ip] & 0x0f) * 4;
            if (b.length < hdr + 8) return null;
        }
        return new Quoted(dst, proto, Packets.get16(b, hdr), Packets.get16(b, hdr + 2), Packets.get32(b, hdr + 4),
                Packets.get16(b, hdr + 4), Packets.get16(b, hdr + 6));
    }

    boolean isEchoReply() {
        return type == (v6 ? 129 : 0);
    }

    boolean isTimeExceeded() {
        return type == (v6 ? 3 : 11);
    }

    IcmpMeaning meaning() {
        return IcmpMeaning.of(v6, type, code, mtu);
    }
}
