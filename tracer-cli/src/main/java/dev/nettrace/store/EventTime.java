package dev.nettrace.store;

/** Reads "ts" from an NDJSON event line without parsing the rest: dumps filter many lines by time. */
final class EventTime {
    private EventTime() {}

    private static final String KEY = "\"ts\":";

    /** The line's ts, or Long.MIN_VALUE when it has none. */
    static long of(String line) {
        int at = line.indexOf(KEY);
        if (at < 0) return Long.MIN_VALUE;
        int i = at + KEY.length();
        while (i < line.length() && line.charAt(i) == ' ') i++;
        boolean negative = i < line.length() && line.charAt(i) == '-';
        if (negative) i++;
        long v = 0;
        int digits = 0;
        for (; i < line.length() && Character.isDigit(line.charAt(i)); i++, digits++) v = v * 10 + (line.charAt(i) - '0');
        if (digits == 0) return Long.MIN_VALUE;
        return negative ? -v : v;
    }
}
