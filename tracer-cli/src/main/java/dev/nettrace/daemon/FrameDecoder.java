package dev.nettrace.daemon;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into frames. Bytes arrive in any split; a frame is handed on only when
 * complete. The buffer never grows beyond one maximal frame: a header announcing more than
 * {@link Frame#MAX_LENGTH} is rejected as soon as its four bytes are in.
 */
public final class FrameDecoder {
    private byte[] buf = new byte[64 * 1024];
    private int start, end;

    /** Appends input, then passes every complete frame to sink. */
    public void feed(byte[] data, int off, int len, Consumer<Frame> sink) {
        ensureRoom(len);
        System.arraycopy(data, off, buf, end, len);
        end += len;
        while (true) {
            int avail = end - start;
            if (avail < Frame.HEADER) break;
            long length = Integer.toUnsignedLong(ByteBuffer.wrap(buf, start, Frame.HEADER).getInt());
            if (length == 0) throw new ProtocolException("malformed frame: length 0");
            if (length > Frame.MAX_LENGTH) throw new ProtocolException("oversized frame: " + length + " bytes, the limit is " + Frame.MAX_LENGTH);
            byte type = buf[start + Frame.HEADER];
            if (!Frame.known(type)) throw new ProtocolException(String.format("malformed frame: unknown type 0x%02x", type & 0xff));
            if (avail < Frame.HEADER + length) break;
            byte[] payload = new byte[(int) length - 1];
            System.arraycopy(buf, start + Frame.HEADER + 1, payload, 0, payload.length);
            start += Frame.HEADER + (int) length;
            sink.accept(new Frame(type, payload));
        }
        if (start == end) start = end = 0;
    }

    /** True while part of a frame has arrived and the rest has not. */
    public boolean midFrame() {
        return end > start;
    }

    private void ensureRoom(int len) {
        if (end + len <= buf.length) return;
        int live = end - start;
        if (live + len <= buf.length) {
            System.arraycopy(buf, start, buf, 0, live);
        } else {
            byte[] bigger = new byte[Math.max(buf.length * 2, live + len)];
            System.arraycopy(buf, start, bigger, 0, live);
            buf = bigger;
        }
        start = 0;
        end = live;
    }
}
