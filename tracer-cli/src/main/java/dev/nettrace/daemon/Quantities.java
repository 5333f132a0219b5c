package dev.nettrace.daemon;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The daemon options' units: durations (7d), sizes (1GB) and points in time (--since). */
final class Quantities {
    private Quantities() {}

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d|w)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);

    /** "90s", "15m", "12h", "7d", "2w"; a bare number is seconds. */
    static long durationNs(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 90s, 15m, 12h, 7d)");
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double seconds = switch (unit) {
            case "ms" -> v / 1000;
            case "s" -> v;
            case "m" -> v * 60;
            case "h" -> v * 3600;
            case "d" -> v * 86400;
            default -> v * 7 * 86400;
        };
        return (long) (seconds * 1e9);
    }

    /** "500MB", "1GB", "1GiB", "4096" (bytes); K/M/G/T count in powers of 1024 as du and ls do. */
    static long bytes(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a size (e.g. 500MB, 1GB)");
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        int power = switch (unit.charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            default -> 0;
        };
        return (long) (v * Math.pow(1024, power));
    }

    /**
     * A point in time, ns since the epoch: an ISO instant (2026-11-26T03:12:00Z), a local date-time
     * (2026-11-26T03:12 or with a space), a time today (03:12, 03:12:30), epoch seconds
     * (1764126720.5), or a duration meaning that long ago (15m, 2h).
     */
    static long instantNs(String text, Instant now) {
        String t = text.trim();
        ZoneId zone = ZoneId.systemDefault();
        try {
            // BigDecimal: a double cannot hold today's epoch in nanoseconds exactly.
            if (t.matches("\\d{9,}(\\.\\d+)?")) return new java.math.BigDecimal(t).movePointRight(9).longValue();
            if (DURATION.matcher(t).matches()) return toNs(now) - durationNs(t);
            if (t.matches("\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?")) {
                return toNs(LocalDateTime.of(LocalDate.now(zone), LocalTime.parse(t.length() == 4 ? "0" + t : t)).atZone(zone).toInstant());
            }
            String iso = t.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}:\\d{2}$")) return toNs(Instant.parse(iso));
            return toNs(LocalDateTime.parse(iso).atZone(zone).toInstant());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time (e.g. 2026-11-26T03:12:00Z, 03:12, 1764126720, 15m)");
        }
    }

    private static long toNs(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** 3d 4h, 2h 5m, 4m 10s, 12s. */
    static String humanDuration(long ms) {
        long s = ms / 1000, d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;
        if (d > 0) return d + "d " + h + "h";
        if (h > 0) return h + "h " + m + "m";
        if (m > 0) return m + "m " + s % 60 + "s";
        return s + "s";
    }

    /** 512 B, 3.2 MiB. */
    static String humanBytes(long b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? b + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
