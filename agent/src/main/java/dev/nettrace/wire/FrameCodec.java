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
 * and the kind's fields. HELLO, DROPS and BYE strings are u16 length + UTF-8 (0xFFFF = null);
 * EVENT has a compact layout of its own (see {@link #putEvent}).
 */
public final class FrameCodec {
    /** Bounds any frame, so a reader can reject garbage instead of allocating it. */
    public static final int MAX_FRAME = 1 << 20;
    private static final int MAX_CHARS = 2048, MAX_LIST = 4096;
    private static final int NULL = 0xFFFF;

    /** The words events carry, each sent as its index here; 0 is null. The agent's Recorder records these indices. */
    private static final String[] OPS = {null, "connect", "accept", "bind", "listen", "send", "recv", "close", "setsockopt", "dns"};
    private static final String[] SOCK_TYPES = {null, "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW"};
    private static final String[] FAMILIES = {null, "AF_INET", "AF_INET6", "AF_UNIX"};
    private static final String[] ERRNOS = {null, "EAGAIN", "EINTR", "EINPROGRESS", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"};
    public static String op(int code) {
        return OPS[code];
    }

    public static String sockType(int code) {
        return SOCK_TYPES[code];
    }

    public static String errno(int code) {
        return ERRNOS[code];
    }

    /** In place of a word's index: a word outside the vocabulary follows as text. */
    private static final int OTHER_WORD = 0xFF;

    /** An event's mask: the flag, then which optional fields follow, in this order. */
    private static final int VIRTUAL = 1, THREAD = 1 << 1, LOCAL = 1 << 2, REMOTE = 1 << 3, EXCEPTION = 1 << 4, MESSAGE = 1 << 5,
            HOST = 1 << 6, OPTION = 1 << 7, VALUE = 1 << 8, ANSWERS = 1 << 9, STACK = 1 << 10, ALL_FIELDS = (1 << 11) - 1;

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

    /**
     * An event is mostly small numbers and a few words from short vocabularies, and the agent
     * sends hundreds of thousands a second: numbers go as zigzag varints, the words as their
     * index in a vocabulary, and fields that are absent cost one bit of a mask. The timestamp
     * comes first at a fixed place, so the daemon's store can order frames without decoding them.
     */
    private static void putEvent(Frame f, ByteBuffer out) {
        out.putLong(f.ts);
        putWord(out, OPS, f.op);
        putWord(out, SOCK_TYPES, f.sockType);
        putWord(out, FAMILIES, f.family);
        putWord(out, ERRNOS, f.errno);
        putVarint(out, f.fd);
        putVarint(out, f.newFd);
        putVarint(out, f.tid);
        putVarint(out, f.durNs);
        putVarint(out, f.ret);
        putVarint(out, f.bytes);
        int mask = (f.virtual ? VIRTUAL : 0) | bit(f.thread, THREAD) | bit(f.local, LOCAL) | bit(f.remote, REMOTE)
                | bit(f.exception, EXCEPTION) | bit(f.message, MESSAGE) | bit(f.host, HOST) | bit(f.option, OPTION) | bit(f.value, VALUE)
                | bit(f.answers, ANSWERS) | bit(f.stack, STACK);
        putVarint(out, mask);
        if (f.thread != null) putText(out, f.thread);
        if (f.local != null) putText(out, f.local);
        if (f.remote != null) putText(out, f.remote);
        if (f.exception != null) putText(out, f.exception);
        if (f.message != null) putText(out, f.message);
        if (f.host != null) putText(out, f.host);
        if (f.option != null) putText(out, f.option);
        if (f.value != null) putText(out, f.value);
        if (f.answers != null) putTexts(out, f.answers);
        if (f.stack != null) putTexts(out, f.stack);
    }

    private static int bit(Object field, int bit) {
        return field == null ? 0 : bit;
    }

    /** A vocabulary word as one byte: its index (0 is null), or 0xFF and the word itself. */
    private static void putWord(ByteBuffer out, String[] vocabulary, String word) {
        for (int k = 0; k < vocabulary.length; k++) {
            if (vocabulary[k] == word) { // the agent's words are these very literals
                out.put((byte) k);
                return;
            }
        }
        for (int k = 1; k < vocabulary.length; k++) {
            if (vocabulary[k].equals(word)) {
                out.put((byte) k);
                return;
            }
        }
        out.put((byte) OTHER_WORD);
        putText(out, word);
    }

    private static void putVarint(ByteBuffer out, long v) {
        long z = v << 1 ^ v >> 63;
        while ((z & ~0x7FL) != 0) {
            out.put((byte) (z & 0x7F | 0x80));
            z >>>= 7;
        }
        out.put((byte) z);
    }

    /** A non-null string: varint byte length, UTF-8 (at most MAX_CHARS characters of it). */
    private static void putText(ByteBuffer out, String s) {
        int n = Math.min(s.length(), MAX_CHARS);
        int k = 0;
        while (k < n && s.charAt(k) < 0x80) k++;
        if (k < n) {
            // Names, addresses and ops are ASCII and are written as they are; anything else is encoded.
            byte[] b = s.substring(0, n).getBytes(StandardCharsets.UTF_8);
            putVarint(out, b.length);
            out.put(b);
            return;
        }
        putVarint(out, n);
        for (k = 0; k < n; k++) out.put((byte) s.charAt(k));
    }

    private static void putTexts(ByteBuffer out, List<String> list) {
        int n = Math.min(list.size(), MAX_LIST);
        putVarint(out, n);
        for (int i = 0; i < n; i++) putText(out, String.valueOf(list.get(i)));
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
            case Frame.EVENT -> readEvent(b, f);
            default -> throw new IOException("unknown frame kind " + f.kind);
        }
        return f;
    }

    /**
     * The timestamp of an EVENT frame, checked to be exactly what {@link #decode} reads back,
     * without allocating: body is the frame after its length and kind.
     */
    public static long eventTimestamp(ByteBuffer body) throws IOException {
        try {
            long ts = body.getLong(body.position());
            readEvent(body, null);
            return ts;
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IOException("truncated or corrupt frame", e);
        }
    }

    /** Reads an event's fields into f, or only walks over them when f is null. */
    private static void readEvent(ByteBuffer b, Frame f) {
        long ts = b.getLong();
        String op = getWord(b, OPS, f), sockType = getWord(b, SOCK_TYPES, f), family = getWord(b, FAMILIES, f), errno = getWord(b, ERRNOS, f);
        int fd = (int) getVarint(b), newFd = (int) getVarint(b), tid = (int) getVarint(b);
        long durNs = getVarint(b), ret = getVarint(b), bytes = getVarint(b);
        int mask = (int) getVarint(b);
        if ((mask & ~ALL_FIELDS) != 0) throw new IllegalArgumentException("unknown event fields");
        String thread = (mask & THREAD) != 0 ? getText(b, f) : null;
        String local = (mask & LOCAL) != 0 ? getText(b, f) : null;
        String remote = (mask & REMOTE) != 0 ? getText(b, f) : null;
        String exception = (mask & EXCEPTION) != 0 ? getText(b, f) : null;
        String message = (mask & MESSAGE) != 0 ? getText(b, f) : null;
        String host = (mask & HOST) != 0 ? getText(b, f) : null;
        String option = (mask & OPTION) != 0 ? getText(b, f) : null;
        String value = (mask & VALUE) != 0 ? getText(b, f) : null;
        List<String> answers = (mask & ANSWERS) != 0 ? getTexts(b, f) : null;
        List<String> stack = (mask & STACK) != 0 ? getTexts(b, f) : null;
        if (b.hasRemaining()) throw new IllegalArgumentException("trailing bytes");
        if (f == null) return;
        f.ts = ts;
        f.op = op;
        f.sockType = sockType;
        f.family = family;
        f.errno = errno;
        f.fd = fd;
        f.newFd = newFd;
        f.tid = tid;
        f.durNs = durNs;
        f.ret = ret;
        f.bytes = bytes;
        f.virtual = (mask & VIRTUAL) != 0;
        f.thread = thread;
        f.local = local;
        f.remote = remote;
        f.exception = exception;
        f.message = message;
        f.host = host;
        f.option = option;
        f.value = value;
        f.answers = answers;
        f.stack = stack;
    }

    /** The vocabulary's own instance, so decoded words cost nothing; a word outside it is read (null when only walking). */
    private static String getWord(ByteBuffer b, String[] vocabulary, Frame f) {
        int k = Byte.toUnsignedInt(b.get());
        if (k == OTHER_WORD) return getText(b, f);
        if (k >= vocabulary.length) throw new IllegalArgumentException("unknown word " + k);
        return vocabulary[k];
    }

    private static long getVarint(ByteBuffer b) {
        long z = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte x = b.get();
            z |= (long) (x & 0x7F) << shift;
            if (x >= 0) return z >>> 1 ^ -(z & 1);
        }
        throw new IllegalArgumentException("varint too long");
    }

    private static String getText(ByteBuffer b, Frame f) {
        long n = getVarint(b);
        if (n < 0 || n > b.remaining()) throw new BufferUnderflowException();
        int at = b.position();
        b.position(at + (int) n);
        return f == null ? null : new String(b.array(), b.arrayOffset() + at, (int) n, StandardCharsets.UTF_8);
    }

    private static List<String> getTexts(ByteBuffer b, Frame f) {
        long n = getVarint(b);
        // every element takes at least a byte: a count beyond what is left is garbage, not an allocation
        if (n < 0 || n > b.remaining()) throw new BufferUnderflowException();
        List<String> list = f == null ? null : new ArrayList<>((int) n);
        for (int i = 0; i < n; i++) {
            String s = getText(b, f);
            if (list != null) list.add(s);
        }
        return list;
    }

    private static String getString(ByteBuffer b) {
        int n = Short.toUnsignedInt(b.getShort());
        if (n == NULL) return null;
        if (n > b.remaining()) throw new BufferUnderflowException();
        String s = new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.UTF_8);
        b.position(b.position() + n);
        return s;
    }

}
