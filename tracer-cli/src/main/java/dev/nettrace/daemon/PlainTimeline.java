package dev.nettrace.daemon;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** A stored timeline as plain text: one line per event, then one per connection. */
final class PlainTimeline {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneId.systemDefault());

    private final PrintStream out;
    private int events, connections;

    PlainTimeline(PrintStream out) {
        this.out = out;
    }

    void record(Map<String, Object> r) {
        if ("connection".equals(r.get("type"))) connection(r);
        else event(r);
    }

    private void event(Map<String, Object> e) {
        events++;
        StringBuilder b = new StringBuilder();
        b.append(time(e.get("ts"))).append(' ').append(e.get("pid"));
        if (e.get("tid") != null && !e.get("tid").equals(e.get("pid"))) b.append('/').append(e.get("tid"));
        b.append(' ').append(e.get("op") != null ? e.get("op") : e.get("type"));
        if (e.get("fd") != null) b.append(" fd=").append(e.get("fd"));
        if (e.get("local") != null || e.get("remote") != null) b.append(' ').append(or(e.get("local"))).append(" -> ").append(or(e.get("remote")));
        if (e.get("host") != null) b.append(" host=").append(e.get("host")).append(" answers=").append(e.get("answers"));
        if (e.get("bytes") != null) b.append(" bytes=").append(e.get("bytes"));
        if (e.get("ret") != null) b.append(" = ").append(e.get("ret"));
        if (e.get("errno") != null) b.append(' ').append(e.get("errno"));
        if (e.get("durNs") != null) b.append(String.format(" <%.6f>", ((Number) e.get("durNs")).longValue() / 1e9));
        out.println(b);
    }

    private void connection(Map<String, Object> c) {
        if (connections++ == 0) {
            out.println();
            out.println("connections:");
        }
        out.printf("  %s %s %s -> %s%s %s out=%s in=%s%n", time(c.get("openedNs")), or(c.get("proto")), or(c.get("local")), or(c.get("remote")),
                c.get("peerName") != null ? " (" + c.get("peerName") + ")" : "", or(c.get("outcome")), or(c.get("bytesOut")), or(c.get("bytesIn")));
    }

    void finish(Map<String, Object> summary) {
        out.printf("%n%d record(s), %d connection(s) of pid %s (%s); %s event(s) dropped by the reporters%n",
                events, connections, summary.get("pid"), or(summary.get("comm")), summary.get("dropped"));
    }

    private static String time(Object ns) {
        return ns instanceof Number n ? TIME.format(Instant.ofEpochSecond(0, n.longValue())) : "?";
    }

    private static Object or(Object o) {
        return o == null ? "?" : o;
    }
}
