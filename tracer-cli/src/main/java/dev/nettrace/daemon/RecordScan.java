package dev.nettrace.daemon;

import dev.nettrace.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * Checks that a line is one well-formed JSON object and picks out the top-level "type", "pid"
 * and "ts" without building the object: reporters send hundreds of thousands of event lines a
 * second, which the daemon stores verbatim, so a full parse per line would be wasted work. It
 * reads the line's UTF-8 bytes as they came (JSON's structure is all ASCII; other bytes may
 * appear only inside strings), so a line is never decoded to a String just to be scanned.
 */
final class RecordScan {
    String type;
    /** Null when absent or not an integer. */
    Long pid, ts;

    private byte[] s;
    private int i, from, end;

    /** Scans line; throws IllegalArgumentException ("bad JSON at offset N: ...") if it is not one JSON object. */
    RecordScan scan(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return scan(b, 0, b.length);
    }

    /** Scans the UTF-8 line b[off, end); offsets in errors count bytes from off. */
    RecordScan scan(byte[] b, int off, int end) {
        s = b;
        i = from = off;
        this.end = end;
        type = null;
        pid = ts = null;
        ws();
        if (!peek('{')) throw error("expected '{'");
        ws();
        if (!peek('}')) {
            while (true) {
                ws();
                int keyStart = i;
                string();
                int keyLength = i - keyStart - 2;
                ws();
                expect(':');
                ws();
                int valueStart = i;
                value(0);
                if (key(keyStart, "type", keyLength)) type = s[valueStart] == '"' ? text(valueStart) : null;
                else if (key(keyStart, "pid", keyLength)) pid = integer(valueStart);
                else if (key(keyStart, "ts", keyLength)) ts = integer(valueStart);
                ws();
                if (peek('}')) break;
                expect(',');
            }
        }
        ws();
        if (i != end) throw error("trailing characters");
        return this;
    }

    /** True if the key string starting at quote is exactly name (an escaped key never matches; reporters do not escape plain ASCII). */
    private boolean key(int quote, String name, int length) {
        if (length != name.length()) return false;
        for (int k = 0; k < length; k++) if (s[quote + 1 + k] != name.charAt(k)) return false;
        return true;
    }

    private static final String[] KNOWN_TYPES = {"event", "connection", "exit", "drops", "process"};

    /** The string value from its opening quote to i; the record kinds come without allocating. */
    private String text(int quote) {
        int length = i - quote - 2;
        for (String known : KNOWN_TYPES) if (key(quote, known, length)) return known;
        String raw = new String(s, quote, i - quote, StandardCharsets.UTF_8);
        return raw.indexOf('\\') >= 0 ? (String) Json.parse(raw) : raw.substring(1, raw.length() - 1); // rare: decode escapes
    }

    private Long integer(int start) {
        int k = start;
        if (k < i && s[k] == '-') k++;
        if (k == i || i - start > 19) return null;
        long v = 0;
        for (int j = k; j < i; j++) {
            if (s[j] < '0' || s[j] > '9') return null;
            v = v * 10 + (s[j] - '0');
        }
        if (i - start == 19 && k == start && s[start] > '8') {
            return Long.parseLong(new String(s, start, i - start, StandardCharsets.US_ASCII)); // may not fit: let parseLong judge
        }
        return s[start] == '-' ? -v : v;
    }

    private void value(int depth) {
        if (depth > 64) throw error("nested too deeply");
        if (i >= end) throw error("unexpected end");
        int c = s[i] & 0xff;
        switch (c) {
            case '{' -> container('}', depth, true);
            case '[' -> container(']', depth, false);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) number();
                else throw error(c < 0x80 ? "unexpected '" + (char) c + "'" : "unexpected byte 0x" + Integer.toHexString(c));
            }
        }
    }

    private void container(char close, int depth, boolean object) {
        i++;
        ws();
        if (peek(close)) return;
        while (true) {
            ws();
            if (object) {
                string();
                ws();
                expect(':');
                ws();
            }
            value(depth + 1);
            ws();
            if (peek(close)) return;
            expect(',');
        }
    }

    private void string() {
        expect('"');
        while (true) {
            if (i >= end) throw error("unterminated string");
            int c = s[i++] & 0xff;
            if (c == '"') return;
            if (c < 0x20) throw error("control character in string");
            if (c != '\\') continue;
            if (i >= end) throw error("unterminated string");
            int e = s[i++] & 0xff;
            if (e == 'u') {
                if (i + 4 > end) throw error("short \\u escape");
                for (int k = 0; k < 4; k++) if (Character.digit(s[i + k] & 0xff, 16) < 0 || (s[i + k] & 0x80) != 0) throw error("bad \\u escape");
                i += 4;
            } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                throw error("bad escape '\\" + (char) e + "'");
            }
        }
    }

    private void number() {
        int start = i;
        if (s[i] == '-') i++;
        int digits = i;
        while (i < end && digit(s[i])) i++;
        if (i == digits) throw error("bad number");
        if (i < end && s[i] == '.') {
            int f = ++i;
            while (i < end && digit(s[i])) i++;
            if (i == f) throw error("bad number");
        }
        if (i < end && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            if (i < end && (s[i] == '+' || s[i] == '-')) i++;
            int e = i;
            while (i < end && digit(s[i])) i++;
            if (i == e) throw error("bad number");
        }
        if (i == start) throw error("bad number");
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private void literal(String word) {
        if (end - i < word.length()) throw error("bad literal");
        for (int k = 0; k < word.length(); k++) if (s[i + k] != word.charAt(k)) throw error("bad literal");
        i += word.length();
    }

    private void ws() {
        while (i < end && s[i] >= 0 && Character.isWhitespace(s[i])) i++;
    }

    private boolean peek(char c) {
        if (i < end && s[i] == c) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!peek(c)) throw error("expected '" + c + "'");
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("bad JSON at offset " + (i - from) + ": " + what);
    }
}
