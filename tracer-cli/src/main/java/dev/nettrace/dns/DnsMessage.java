package dev.nettrace.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a DNS response (RFC 1035) as a native process received it from port 53: the question
 * name and the A/AAAA records of the answer section. Only what naming a peer needs; anything
 * malformed gives null, never an exception, because the bytes come from the network.
 */
public final class DnsMessage {
    private static final int TYPE_A = 1, TYPE_AAAA = 28;

    private final byte[] b;

    private DnsMessage(byte[] b) {
        this.b = b;
    }

    public static DnsAnswer parse(byte[] message) {
        try {
            return new DnsMessage(message).answer();
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Hex as carried in an event's "data" field. */
    public static DnsAnswer parseHex(String hex) {
        if (hex == null || hex.length() % 2 != 0) return null;
        try {
            return parse(java.util.HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private DnsAnswer answer() {
        if (b.length < 12) return null;
        int flags = u16(2);
        if ((flags & 0x8000) == 0) return null; // a query, not a response
        int qd = u16(4), an = u16(6);
        int[] pos = {12};
        String question = null;
        for (int i = 0; i < qd; i++) {
            String n = name(pos);
            if (question == null) question = n;
            pos[0] += 4;
        }
        List<String> addrs = new ArrayList<>();
        for (int i = 0; i < an; i++) {
            name(pos);
            int type = u16(pos[0]);
            int len = u16(pos[0] + 8);
            int data = pos[0] + 10;
            if (data + len > b.length) throw new IndexOutOfBoundsException();
            if ((type == TYPE_A && len == 4) || (type == TYPE_AAAA && len == 16)) {
                addrs.add(address(data, len));
            }
            pos[0] = data + len;
        }
        return question == null ? null : new DnsAnswer(question, addrs, flags & 0xf);
    }

    private String address(int at, int len) {
        byte[] a = new byte[len];
        System.arraycopy(b, at, a, 0, len);
        try {
            return new dev.nettrace.timeline.Endpoint(InetAddress.getByAddress(a), 0).host();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Reads a possibly compressed name at pos[0] and advances pos[0] past it. */
    private String name(int[] pos) {
        StringBuilder out = new StringBuilder();
        int p = pos[0];
        boolean jumped = false;
        for (int hops = 0; hops < 64; hops++) {
            int len = b[p] & 0xff;
            if (len == 0) {
                if (!jumped) pos[0] = p + 1;
                return out.length() == 0 ? "." : out.toString();
            }
            if ((len & 0xc0) == 0xc0) {
                if (!jumped) pos[0] = p + 2;
                jumped = true;
                p = ((len & 0x3f) << 8) | (b[p + 1] & 0xff);
                continue;
            }
            if (out.length() > 0) out.append('.');
            for (int k = 1; k <= len; k++) out.append((char) (b[p + k] & 0xff));
            p += len + 1;
        }
        throw new IllegalArgumentException("name pointer loop");
    }

    private int u16(int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }
}
