package dev.nettrace.render;

/**
 * Fixed-point numbers as text without java.util.Formatter, which costs about a microsecond a
 * call: a busy trace prints hundreds of thousands of lines a second, each with a time and a
 * duration.
 */
public final class Decimal {
    private Decimal() {}

    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    /** Appends units / 10^decimals with exactly that many decimals: (1234, 3) "1.234", (-5, 3) "-0.005". */
    public static StringBuilder fixed(StringBuilder b, long units, int decimals) {
        if (units < 0) {
            b.append('-');
            units = -units;
        }
        long scale = POWERS[decimals];
        b.append(units / scale);
        if (decimals > 0) {
            b.append('.');
            zeroPadded(b, units % scale, decimals);
        }
        return b;
    }

    /** Appends value (0 <= value < 10^digits) with leading zeros to exactly digits characters. */
    public static StringBuilder zeroPadded(StringBuilder b, long value, int digits) {
        for (int d = digits - 1; d > 0 && value < POWERS[d]; d--) b.append('0');
        return b.append(value);
    }

    /** Nanoseconds as a whole number of the unit given in nanoseconds, rounded half away from zero. */
    public static long rounded(long ns, long unitNs) {
        return ns >= 0 ? (ns + unitNs / 2) / unitNs : -((-ns + unitNs / 2) / unitNs);
    }

    /** Nanoseconds as seconds with 6 decimals, right-aligned in width characters (printf's "%10.6f"). */
    public static String seconds(long ns, int width) {
        StringBuilder b = new StringBuilder(width);
        if (ns < 0) b.append('-'); // also when it rounds to zero, as printf has it
        fixed(b, rounded(Math.abs(ns), 1_000), 6);
        while (b.length() < width) b.insert(0, ' ');
        return b.toString();
    }
}
