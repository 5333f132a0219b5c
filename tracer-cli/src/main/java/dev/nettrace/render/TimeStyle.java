package dev.nettrace.render;

import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The time column of human text, as strace's letters mean it: -r seconds since the previous
 * line, -t wall clock, -tt with microseconds, -ttt epoch seconds; by default seconds since the
 * trace began.
 */
public enum TimeStyle {
    SINCE_START, RELATIVE, CLOCK, CLOCK_MICROS, EPOCH;

    /** The time of day of the last second asked for: lines come many to a second. */
    private record Second(long epochSecond, String hms) {}

    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    public static TimeStyle of(boolean relative, int tees) {
        if (tees >= 3) return EPOCH;
        if (tees == 2) return CLOCK_MICROS;
        if (tees == 1) return CLOCK;
        return relative ? RELATIVE : SINCE_START;
    }

    /** The column for an event at ts (epoch nanoseconds), given the trace's start and the line before. */
    public String format(long ts, long start, long previous) {
        return switch (this) {
            case SINCE_START -> Decimal.seconds(ts - start, 10);
            case RELATIVE -> Decimal.seconds(ts - previous, 10);
            case EPOCH -> Decimal.zeroPadded(new StringBuilder(24).append(Math.floorDiv(ts, 1_000_000_000L)).append('.'),
                    Math.floorMod(ts, 1_000_000_000L) / 1000, 6).toString();
            case CLOCK -> hms(Math.floorDiv(ts, 1_000_000_000L));
            case CLOCK_MICROS -> Decimal.zeroPadded(new StringBuilder(16).append(hms(Math.floorDiv(ts, 1_000_000_000L))).append('.'),
                    Math.floorMod(ts, 1_000_000_000L) / 1000, 6).toString();
        };
    }

    private static String hms(long epochSecond) {
        Second s = lastSecond;
        if (s.epochSecond != epochSecond) {
            LocalTime t = LocalTime.ofInstant(java.time.Instant.ofEpochSecond(epochSecond), ZoneId.systemDefault());
            StringBuilder b = new StringBuilder(8);
            Decimal.zeroPadded(b, t.getHour(), 2).append(':');
            Decimal.zeroPadded(b, t.getMinute(), 2).append(':');
            Decimal.zeroPadded(b, t.getSecond(), 2);
            s = new Second(epochSecond, b.toString());
            lastSecond = s;
        }
        return s.hms;
    }
}
