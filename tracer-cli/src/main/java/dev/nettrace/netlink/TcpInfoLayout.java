package dev.nettrace.netlink;

import dev.nettrace.timeline.KernelView;
import dev.nettrace.timeline.TcpState;
import java.nio.ByteBuffer;

/** struct tcp_info (linux/tcp.h) offsets, checked against the kernel headers with offsetof. */
final class TcpInfoLayout {
    private TcpInfoLayout() {}

    /** Reads a tcp_info of {@code len} bytes starting at {@code at}; fields the kernel did not fill are 0. */
    static KernelView read(ByteBuffer b, int at, int len) {
        return new KernelView(
                TcpState.of(u8(b, at, len, 0)),
                u8(b, at, len, 2),
                u32(b, at, len, 68),
                u32(b, at, len, 72),
                u32(b, at, len, 100),
                u64(b, at, len, 120),
                u64(b, at, len, 128),
                u64(b, at, len, 200),
                u64(b, at, len, 208),
                u32(b, at, len, 44),
                u32(b, at, len, 52),
                u32(b, at, len, 80),
                u32(b, at, len, 148));
    }

    static final int SIZE = 232;

    private static int u8(ByteBuffer b, int at, int len, int off) {
        return off < len ? b.get(at + off) & 0xff : 0;
    }

    private static long u32(ByteBuffer b, int at, int len, int off) {
        return off + 4 <= len ? b.getInt(at + off) & 0xffffffffL : 0;
    }

    private static long u64(ByteBuffer b, int at, int len, int off) {
        return off + 8 <= len ? b.getLong(at + off) : 0;
    }
}
