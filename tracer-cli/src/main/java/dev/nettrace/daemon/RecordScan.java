package dev.nettrace.daemon;

import dev.nettrace.json.Json;

/**
 * Checks that a line is one well-formed JSON object and picks out the top-level "type", "pid"
 * and "ts" without building the object: reporters send hundreds of thousands of event lines a
 * second, which the daemon stores verbatim, so a full parse per line would be wasted work.
 */
final class RecordScan {
    String type;
    /** Null when absent or not an integer. */
    Long pid, ts;

    private String s;
    private int i;

    /** Scans line; throws IllegalArgumentException ("bad JSON at offset N: ...") if it is not one JSON object. */
    RecordScan scan(String line) {
        s = line;
        i = 0;
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
                String key = s.substring(keyStart + 1, i - 1);
                ws();
                expect(':');
                ws();
                int valueStart = i;
                value(0);
                switch (key) {
                    case "type" -> type = s.charAt(valueStart) != '"' ? null
                            : s.substring(valueStart, i).indexOf('\\') >= 0 ? (String) Json.parse(s.substring(valueStart, i)) // rare: decode escapes
                            : s.substring(valueStart + 1, i - 1);
                    case "pid" -> pid = integer(valueStart);
                    case "ts" -> ts = integer(valueStart);
                    default -> { }
                }
                ws();
                if (peek('}')) break;
                expect(',');
            }
        }
        ws();
        if (i != s.length()) throw error("trailing characters");
        return this;
    }

    private Long integer(int from) {
        int k = from;
        if (k < i && s.charAt(k) == '-') k++;
        if (k == i || i - from > 19) return null;
        for (int j = k; j < i; j++) if (s.charAt(j) < '0' || s.charAt(j) > '9') return null;
        return Long.parseLong(s, from, i, 10);
    }

    private void value(int depth) {
        if (depth > 64) throw error("nested too deeply");
        if (i >= s.length()) throw error("unexpected end");
        char c = s.charAt(i);
        switch (c) {
            case '{' -> container('}', depth, true);
            case '[' -> container(']', depth, false);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) number();
                else throw error("unexpected '" + c + "'");
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
            if (i >= s.length()) throw error("unterminated string");
            char c = s.charAt(i++);
            if (c == '"') return;
            if (c < 0x20) throw error("control character in string");
            if (c != '\\') continue;
            if (i >= s.length()) throw error("unterminated string");
            char e = s.charAt(i++);
            if (e == 'u') {
                if (i + 4 > s.length()) throw error("short \\u escape");
                for (int k = 0; k < 4; k++) if (Character.digit(s.charAt(i + k), 16) < 0) throw error("bad \\u escape");
                i += 4;
            } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                throw error("bad escape '\\" + e + "'");
            }
        }
    }

    private void number() {
        int start = i;
        if (s.charAt(i) == '-') i++;
        int digits = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        if (i == digits) throw error("bad number");
        if (i < s.length() && s.charAt(i) == '.') {
            int f = ++i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            if (i == f) throw error("bad number");
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int e = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            if (i == e) throw error("bad number");
        }
        if (i == start) throw error("bad number");
    }

    private void literal(String word) {
        if (!s.startsWith(word, i)) throw error("bad literal");
        i += word.length();
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private boolean peek(char c) {
        if (i < s.length() && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!peek(c)) throw error("expected '" + c + "'");
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("bad JSON at offset " + i + ": " + what);
    }
}
