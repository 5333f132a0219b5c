package dev.nettrace.wire;

import java.io.DataInput;
import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent-to-collector byte format, used by both ends: the agent encodes into a ByteBuffer,
 * the CLI decodes from a stream. A frame is a big-endian u32 body length, then the body: u8 kind
 * and the kind's fields. Strings are u16 length + UTF-8 (0xFFFF = null); lists are u16 count +
 * strings (0xFFFF = null).
 */
public final class FrameCodec {
    /** Bounds any frame, so a reader can reject garbage instead of allocating it. */
    public static final int MAX_FRAME = 1 << 20;
    private static final int MAX_CHARS = 2048;
    private static final int NULL = 0xFFFF;

    private FrameCodec() {}

    /**
     * Appends {@code f} to {@code out}. Returns false, with {@code out} unchanged, when it does
     * not fit; the caller flushes and tries again.
     */
    public static boolean encode(Frame f, ByteBuffer out) {
        int start = out.position();
        try {
            out.putInt(0);
            out.put(f.kind);
            switch (f.kind) {
                case Frame.HELLO -> {
                    out.putInt(f.pid);
                    putString(out, f.text);
                }
                case Frame.DROPS, Frame.BYE -> {
                    out.putLong(f.count);
                    putString(out, f.text);
                }
                case Frame.EVENT -> putEvent(f, out);
                default -> throw new IllegalArgumentException("unknown frame kind " + f.kind);
            }
            out.putInt(start, out.position() - start - 4);
            return true;
        } catch (BufferOverflowException full) {
            out.position(start);
            return false;
        }
    }

    private static void putEvent(Frame f, ByteBuffer out) {
        putString(out, f.op);
        out.put((byte) (f.virtual ? 1 : 0));
        out.putInt(f.fd);
        out.putInt(f.newFd);
        out.putInt(f.tid);
        out.putLong(f.ts);
        out.putLong(f.durNs);
        out.putLong(f.ret);
        out.putLong(f.bytes);
        for (String s : new String[] {f.errno, f.thread, f.family, f.sockType, f.local, f.remote, f.exception, f.message, f.host, f.option, f.value}) {
            putString(out, s);
        }
        putList(out, f.answers);
        putList(out, f.stack);
    }

    private static void putString(ByteBuffer out, String s) {
        if (s == null) {
            out.putShort((short) NULL);
            return;
        }
        int n = Math.min(s.length(), MAX_CHARS);
        // Names, addresses and ops are ASCII: written as they are, without an encoded copy.
        int start = out.position();
        out.putShort((short) n);
        for (int k = 0; k < n; k++) {
            char c = s.charAt(k);
            if (c >= 0x80) {
                out.position(start);
                byte[] b = s.substring(0, n).getBytes(StandardCharsets.UTF_8);
                out.putShort((short) b.length);
                out.put(b);
                return;
            }
            out.put((byte) c);
        }
    }

    private static void putList(ByteBuffer out, List<String> list) {
        if (list == null) {
            out.putShort((short) NULL);
            return;
        }
        int n = Math.min(list.size(), NULL - 1);
        out.putShort((short) n);
        for (int i = 0; i < n; i++) putString(out, list.get(i));
    }

    /** Reads the next frame; throws EOFException at a clean end of stream. */
    public static Frame decode(DataInput in) throws IOException {
        int len = in.readInt();
        if (len < 1 || len > MAX_FRAME) throw new IOException("bad frame length " + len);
        byte[] body = new byte[len];
        in.readFully(body);
        ByteBuffer b = ByteBuffer.wrap(body);
        return decode(b.get(), b);
    }

    /** Decodes a frame whose envelope (length, kind) someone else already read, as the daemon does. */
    public static Frame decode(byte kind, ByteBuffer payload) throws IOException {
        try {
            return decodePayload(kind, payload);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("truncated or corrupt frame", e);
        }
    }

    /** The collector's request to detach, as bytes on the wire. */
    public static byte[] detachRequest() {
        return new byte[] {0, 0, 0, 1, Frame.DETACH};
    }

    private static Frame decodePayload(byte kind, ByteBuffer b) throws IOException {
        Frame f = new Frame().clear(kind);
        switch (f.kind) {
            case Frame.HELLO -> {
                f.pid = b.getInt();
                f.text = getString(b);
            }
            case Frame.DROPS, Frame.BYE -> {
                f.count = b.getLong();
                f.text = getString(b);
            }
            case Frame.EVENT -> getEvent(f, b);
            default -> throw new IOException("unknown frame kind " + f.kind);
        }
        return f;
    }

    private static void getEvent(Frame f, ByteBuffer b) {
        f.op = getString(b);
        f.virtual = b.get() != 0;
        f.fd = b.getInt();
        f.newFd = b.getInt();
        f.tid = b.getInt();
        f.ts = b.getLong();
        f.durNs = b.getLong();
        f.ret = b.getLong();
        f.bytes = b.getLong();
        f.errno = getString(b);
        f.thread = getString(b);
        f.family = getString(b);
        f.sockType = getString(b);
        f.local = getString(b);
        f.remote = getString(b);
        f.exception = getString(b);
        f.message = getString(b);
        f.host = getString(b);
        f.option = getString(b);
        f.value = getString(b);
        f.answers = getList(b);
        f.stack = getList(b);
    }

    private static String getString(ByteBuffer b) {
        int n = Short.toUnsignedInt(b.getShort());
        if (n == NULL) return null;
        if (n > b.remaining()) throw new BufferUnderflowException();
        String s = new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.UTF_8);
        b.position(b.position() + n);
        return s;
    }

    private static List<String> getList(ByteBuffer b) {
        int n = Short.toUnsignedInt(b.getShort());
        if (n == NULL) return null;
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(getString(b));
        return list;
    }
}
