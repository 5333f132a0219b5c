package dev.nettrace.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-made number and time text reads exactly as the printf and java.time forms it replaced. */
class DecimalTest {
    private static final long[] EDGES = {0, 1, 499, 500, 501, 999, 1_000, 1_499, 1_500, 999_999, 1_000_000, 1_000_499, 1_000_500,
            999_999_499, 999_999_500, 1_000_000_000, 12_345_678_901L, 86_399_999_999_999L};

    @Test
    void durationsRoundLikePrintf() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long ns = i < EDGES.length ? EDGES[i] : random.nextLong(50_000_000_000L);
            assertEquals(String.format(Locale.ROOT, " (%.3f ms)", ns / 1e6),
                    Decimal.fixed(new StringBuilder(" ("), Decimal.rounded(ns, 1_000), 3).append(" ms)").toString(), "ns=" + ns);
            assertEquals(String.format(Locale.ROOT, "%.6f", ns / 1e9), Decimal.fixed(new StringBuilder(), Decimal.rounded(ns, 1_000), 6).toString(), "ns=" + ns);
            assertEquals(String.format(Locale.ROOT, "%10.6f", ns / 1e9), Decimal.seconds(ns, 10), "ns=" + ns);
            assertEquals(String.format(Locale.ROOT, "%10.6f", -ns / 1e9), Decimal.seconds(-ns, 10), "ns=" + -ns);
        }
    }

    @Test
    void timesOfDayAndEpochReadAsBefore() {
        DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
        DateTimeFormatter micros = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS").withZone(ZoneId.systemDefault());
        Random random = new Random(11);
        long now = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < 20_000; i++) {
            long ts = now + random.nextLong(3 * 86_400_000_000_000L) - (i % 7 == 0 ? 0 : 86_400_000_000_000L);
            Instant at = Instant.ofEpochSecond(0, ts);
            assertEquals(hms.format(at), TimeStyle.CLOCK.format(ts, 0, 0));
            assertEquals(micros.format(at), TimeStyle.CLOCK_MICROS.format(ts, 0, 0));
            assertEquals(String.format("%d.%06d", ts / 1_000_000_000L, ts % 1_000_000_000L / 1000), TimeStyle.EPOCH.format(ts, 0, 0));
            assertEquals(String.format(Locale.ROOT, "%10.6f", (ts - now) / 1e9), TimeStyle.SINCE_START.format(ts, now, 0));
        }
    }
}
