package dev.nettrace.probe;

/** The fields of a received TCP header that probes match on. */
record TcpSegment(int srcPort, int dstPort, long seq, long ack, int flags) {
    static TcpSegment parse(byte[] b) {
        if (b.length < 20) return null;
        return new TcpSegment(Packets.get16(b, 0), Packets.get16(b, 2), Packets.get32(b, 4), Packets.get32(b, 8), b[13] & 0xff);
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
