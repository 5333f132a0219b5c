package dev.nettrace.render;

import dev.nettrace.correlate.Correlator;
import dev.nettrace.procfs.ProcessFacts;
import dev.nettrace.timeline.Connection;
import dev.nettrace.timeline.Outcome;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-of-trace summary: problems first (refused, timed out, reset, abandoned, slow
 * connects, retransmits), then every connection by open time, then totals per process.
 */
final class SummaryText {
    /** A connect slower than this is listed as a problem. */
    static final long SLOW_CONNECT_NS = 200_000_000L;

    private final PrintStream out;
    private final Palette paint;

    SummaryText(PrintStream out, Palette paint) {
        this.out = out;
        this.paint = paint;
    }

    void print(Correlator correlator) {
        List<Connection> all = correlator.connections();
        long start = all.stream().filter(c -> c.openedNs != null).mapToLong(c -> c.openedNs).min().orElse(0);
        out.println();
        List<String> problems = all.stream().map(this::problem).filter(p -> p != null).toList();
        if (!problems.isEmpty()) {
            out.println(paint.bold("problems (" + problems.size() + ")"));
            problems.forEach(p -> out.println("  " + p));
            out.println();
        }
        out.println(paint.bold("connections (" + all.size() + ")"));
        out.println(paint.dim(String.format("  %-10s %-18s %-5s %-8s %-22s %-30s %9s %9s %9s %8s %4s %s",
                "OPENED", "PROCESS", "FD", "PROTO", "LOCAL", "REMOTE", "CONNECT", "OUT", "IN", "RTT", "RETR", "OUTCOME")));
        for (Connection c : all) out.println("  " + row(c, start));
        out.println();
        out.println(paint.bold("per process"));
        Map<Integer, int[]> counts = new LinkedHashMap<>();
        Map<Integer, long[]> bytes = new LinkedHashMap<>();
        for (Connection c : all) {
            counts.computeIfAbsent(c.pid, k -> new int[2])[0]++;
            if (c.outcomeNow().isProblem()) counts.get(c.pid)[1]++;
            long[] b = bytes.computeIfAbsent(c.pid, k -> new long[2]);
            b[0] += c.bytesOut;
            b[1] += c.bytesIn;
        }
        // Wrappers and shims (shells, pyenv) spawn many processes that never touch a socket: one
        // line says how many, so the table lists only the processes that made connections.
        int quiet = 0;
        for (ProcessFacts p : correlator.processes()) {
            int[] n = counts.get(p.pid());
            if (n == null) {
                quiet++;
                continue;
            }
            long[] b = bytes.get(p.pid());
            out.println(String.format("  %-22s %3d connections %s out %s in %s%s", p.name() + "[" + p.pid() + "]", n[0],
                    n[1] > 0 ? paint.red(n[1] + " failed") : "0 failed", Units.bytes(b[0]), Units.bytes(b[1]),
                    p.commandLine() != null && !p.commandLine().isBlank() ? paint.dim("  " + oneLine(p.commandLine(), 100)) : ""));
        }
        if (quiet > 0) out.println(paint.dim("  " + quiet + (quiet == 1 ? " other process" : " other processes") + " made no connections"));
        for (String note : correlator.notes()) out.println(paint.yellow("note: " + note));
    }

    /** A command line on one line of at most {@code max} characters (scripts passed with -c have newlines). */
    static String oneLine(String s, int max) {
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    private String problem(Connection c) {
        Outcome o = c.outcomeNow();
        // glibc asks nscd first in every process; where nscd is not running that is expected, not a problem
        if ("unix".equals(c.proto) && "ENOENT".equals(c.errno) && c.remote != null && c.remote.contains("nscd")) return null;
        String who = c.comm + "[" + c.pid + "] fd " + c.fd + " " + c.proto + " " + target(c);
        if (o.isProblem()) {
            return paint.outcome(o, String.format("%-9s", o.label())) + " " + who
                    + (c.errno != null ? " " + c.errno : "") + (c.connectNs != null ? " after " + Units.duration(c.connectNs) : "");
        }
        if (c.connectNs != null && c.connectNs > SLOW_CONNECT_NS) {
            return paint.yellow("slow     ") + " " + who + " connect took " + Units.duration(c.connectNs);
        }
        if (c.retransmits() > 0) {
            return paint.yellow("retrans  ") + " " + who + " " + c.retransmits() + " retransmitted segments";
        }
        return null;
    }

    /** The peer (with the name it was looked up by); a listener or unconnected flow has none: "*", as ss prints. */
    private static String target(Connection c) {
        String r = c.remote != null ? c.remote : "*";
        return c.peerName != null ? r + " (" + c.peerName + ")" : r;
    }

    private String row(Connection c, long start) {
        Outcome o = c.outcomeNow();
        String opened = c.openedNs == null ? "before" : String.format("%+.6f", (c.openedNs - start) / 1e9);
        return String.format("%-10s %-18s %-5s %-8s %-22s %-30s %9s %9s %9s %8s %4s %s",
                opened, c.comm + "[" + c.pid + "]", c.fd >= 0 ? Integer.toString(c.fd) : "-", c.proto,
                c.local == null ? "-" : c.local, target(c) + (c.role != null ? " " + c.role : ""),
                Units.duration(c.connectNs), Units.bytes(c.bytesOut), Units.bytes(c.bytesIn),
                c.kernel == null ? "-" : Units.duration(c.kernel.rttUs() * 1000), c.kernel == null ? "-" : Long.toString(c.retransmits()),
                paint.outcome(o, o.label()) + (c.errno != null && !o.isProblem() ? " " + c.errno : ""));
    }
}
