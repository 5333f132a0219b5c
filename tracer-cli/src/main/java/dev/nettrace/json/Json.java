package dev.nettrace.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for NDJSON lines: objects become LinkedHashMap, arrays ArrayList, numbers
 * Long (or Double when they have a fraction or exponent). No dependency for something this small.
 */
public final class Json {
    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    public static Object parse(String text) {
        Json p = new Json(text);
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.i != p.s.length()) throw p.error("trailing characters");
        return v;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object v = parse(text);
        if (!(v instanceof Map)) throw new IllegalArgumentException("not a JSON object");
        return (Map<String, Object>) v;
    }

    private Object value() {
        if (i >= s.length()) throw error("unexpected end");
        char c = s.charAt(i);
        switch (c) {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error("unexpected '" + c + "'");
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        ws();
        if (peek('}')) return m;
        while (true) {
            ws();
            String k = string();
            ws();
            expect(':');
            ws();
            m.put(k, value());
            ws();
            if (peek('}')) return m;
            expect(',');
        }
    }

    private List<Object> array() {
        List<Object> a = new ArrayList<>();
        i++;
        ws();
        if (peek(']')) return a;
        while (true) {
            ws();
            a.add(value());
            ws();
            if (peek(']')) return a;
            expect(',');
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = null; // only a string with escapes needs one; the rest is one substring
        while (true) {
            int start = i;
            while (i < s.length() && s.charAt(i) != '"' && s.charAt(i) != '\\') i++;
            if (i >= s.length()) throw error("unterminated string");
            if (s.charAt(i++) == '"') return b == null ? s.substring(start, i - 1) : b.append(s, start, i - 1).toString();
            if (b == null) b = new StringBuilder(i - start + 16);
            b.append(s, start, i - 1);
            if (i >= s.length()) throw error("unterminated string");
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> b.append(hex4());
                default -> b.append(e);
            }
        }
    }

    private char hex4() {
        if (i + 4 > s.length()) throw error("short \\u escape");
        int v = 0;
        for (int end = i + 4; i < end; i++) {
            char h = s.charAt(i);
            int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (d < 0) throw error("bad \\u escape");
            v = v << 4 | d;
        }
        return (char) v;
    }

    private Object number() {
        int start = i;
        boolean negative = s.charAt(i) == '-';
        if (negative) i++;
        boolean real = false;
        // Integers are read as they are scanned (no substring): a dump parses millions of them.
        long v = 0;
        int digits = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
                digits++;
                i++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                real = true;
                i++;
            } else break;
        }
        if (real || digits == 0 || digits > 18) {
            String n = s.substring(start, i);
            return real ? (Object) Double.parseDouble(n) : (Object) Long.parseLong(n);
        }
        return negative ? -v : v;
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, i)) throw error("bad literal");
        i += word.length();
        return v;
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

    /** Appends v as JSON: Map, Iterable, CharSequence, Number, Boolean or null. */
    public static void write(StringBuilder out, Object v) {
        if (v == null) out.append("null");
        else if (v instanceof CharSequence cs) quote(out, cs);
        else if (v instanceof Number || v instanceof Boolean) out.append(v);
        else if (v instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) out.append(',');
                first = false;
                quote(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (v instanceof Iterable<?> it) {
            out.append('[');
            Iterator<?> iter = it.iterator();
            while (iter.hasNext()) {
                write(out, iter.next());
                if (iter.hasNext()) out.append(',');
            }
            out.append(']');
        } else quote(out, v.toString());
    }

    public static String write(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v);
        return b.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Appends cs as a JSON string; runs of characters that need no escape are copied whole. */
    public static void quote(StringBuilder out, CharSequence cs) {
        out.append('"');
        int run = 0, n = cs.length();
        for (int k = 0; k < n; k++) {
            char c = cs.charAt(k);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out.append(cs, run, k);
            run = k + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        out.append(cs, run, n).append('"');
    }
}
