package dev.nettrace.render;

/** Durations and byte counts the way people read them. */
final class Units {
    private Units() {}

    static String duration(Long ns) {
        if (ns == null) return "-";
        if (ns < 1_000) return ns + "ns";
        if (ns < 1_000_000) return String.format("%.1fµs", ns / 1e3);
        if (ns < 1_000_000_000) return String.format("%.1fms", ns / 1e6);
        return String.format("%.2fs", ns / 1e9);
    }

    static String bytes(long n) {
        if (n < 1024) return n + "B";
        if (n < 1024 * 1024) return String.format("%.1fKiB", n / 1024.0);
        if (n < 1024L * 1024 * 1024) return String.format("%.1fMiB", n / 1048576.0);
        return String.format("%.2fGiB", n / 1073741824.0);
    }
}
