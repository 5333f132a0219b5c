package dev.nettrace.daemon;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into frames. Bytes arrive in any split; a frame is handed on only when
 * complete. The buffer never grows beyond one maximal frame: a header announcing more than
 * {@link Frame#MAX_LENGTH} is rejected as soon as its four bytes are in.
 */
public final class FrameDecoder {
    /** Receives a complete frame in place: buf[start, start + length) is the frame, header included; valid only during the call. */
    public interface RawSink {
        void frame(byte type, byte[] buf, int start, int length);
    }

    private byte[] buf = new byte[64 * 1024];
    private int start, end;

    /** Appends input, then passes every complete frame to sink. */
    public void feed(byte[] data, int off, int len, Consumer<Frame> sink) {
        feed(data, off, len, (type, b, start, length) -> sink.accept(new Frame(type, Arrays.copyOfRange(b, start + Frame.HEADER + 1, start + length))));
    }

    /** Appends input, then passes every complete frame to sink without copying it. */
    public void feed(byte[] data, int off, int len, RawSink sink) {
        ensureRoom(len);
        System.arraycopy(data, off, buf, end, len);
        end += len;
        while (true) {
            int avail = end - start;
            if (avail < Frame.HEADER) break;
            long length = Integer.toUnsignedLong((buf[start] & 0xff) << 24 | (buf[start + 1] & 0xff) << 16 | (buf[start + 2] & 0xff) << 8 | (buf[start + 3] & 0xff));
            if (length == 0) throw new ProtocolException("malformed frame: length 0");
            if (length > Frame.MAX_LENGTH) throw new ProtocolException("oversized frame: " + length + " bytes, the limit is " + Frame.MAX_LENGTH);
            if (avail == Frame.HEADER) break; // the type byte has not arrived yet
            byte type = buf[start + Frame.HEADER];
            if (!Frame.known(type)) throw new ProtocolException(String.format("malformed frame: unknown type 0x%02x", type & 0xff));
            if (avail < Frame.HEADER + length) break;
            int frameStart = start;
            start += Frame.HEADER + (int) length;
            sink.frame(type, buf, frameStart, Frame.HEADER + (int) length);
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
