package dev.nettrace.render;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The time column of human text, as strace's letters mean it: -r seconds since the previous
 * line, -t wall clock, -tt with microseconds, -ttt epoch seconds; by default seconds since the
 * trace began.
 */
public enum TimeStyle {
    SINCE_START, RELATIVE, CLOCK, CLOCK_MICROS, EPOCH;

    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter HMS_US = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    public static TimeStyle of(boolean relative, int tees) {
        if (tees >= 3) return EPOCH;
        if (tees == 2) return CLOCK_MICROS;
        if (tees == 1) return CLOCK;
        return relative ? RELATIVE : SINCE_START;
    }

    String format(long ts, long start, long previous) {
        return switch (this) {
            case SINCE_START -> String.format("%10.6f", (ts - start) / 1e9);
            case RELATIVE -> String.format("%10.6f", (ts - previous) / 1e9);
            case EPOCH -> String.format("%d.%06d", ts / 1_000_000_000L, ts % 1_000_000_000L / 1000);
            case CLOCK, CLOCK_MICROS -> {
                LocalTime t = LocalTime.ofInstant(Instant.ofEpochSecond(0, ts), ZoneId.systemDefault());
                yield (this == CLOCK ? HMS : HMS_US).format(t);
            }
        };
    }
}
