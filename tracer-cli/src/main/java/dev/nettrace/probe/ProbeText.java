package dev.nettrace.probe;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Probe results in the shapes ping, traceroute, nmap and tracepath users already read. */
public final class ProbeText {
    private ProbeText() {}

    public static String ms(long ns) {
        return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
    }

    public static void ping(PrintStream out, Target t, List<ProbeResult> echoes) {
        out.println("PING " + t.display() + ": ICMP echo");
        int got = 0;
        long min = Long.MAX_VALUE, max = 0, sum = 0;
        for (int i = 0; i < echoes.size(); i++) {
            ProbeResult r = echoes.get(i);
            int seq = i + 1;
            switch (r.verdict()) {
                case "reply" -> {
                    got++;
                    min = Math.min(min, r.rttNs());
                    max = Math.max(max, r.rttNs());
                    sum += r.rttNs();
                    out.println("reply from " + r.address() + ": icmp_seq=" + seq + " ttl=" + r.ttl()
                            + " (initial " + r.initialTtl() + ") time=" + ms(r.rttNs()));
                }
                case "unreachable" -> out.println("From " + r.from() + " icmp_seq=" + seq + " " + r.reason());
                default -> out.println("no reply for icmp_seq=" + seq + (r.from() != null ? " (" + r.reason() + " from " + r.from() + ")" : ""));
            }
        }
        out.println("--- " + t.name() + " ping statistics ---");
        int loss = echoes.isEmpty() ? 0 : 100 * (echoes.size() - got) / echoes.size();
        out.print(echoes.size() + " packets transmitted, " + got + " received, " + loss + "% packet loss");
        if (got > 0) {
            out.printf(Locale.ROOT, ", rtt min/avg/max = %.3f/%.3f/%.3f ms", min / 1e6, sum / 1e6 / got, max / 1e6);
        }
        out.println();
        notes(out, echoes);
    }

    public static void trace(PrintStream out, Target t, ProbeResult r, PathTracer.Method method, int maxTtl) {
        out.println("traceroute to " + t.display() + ", " + maxTtl + " hops max, " + method + " probes");
        for (Hop h : r.hops()) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%2d ", h.ttl()));
            if (h.addr() != null) b.append(' ').append(h.addr());
            for (Long rtt : h.rttNs()) {
                if (rtt == null) b.append("  *");
                else {
                    b.append("  ").append(ms(rtt));
                    if (h.flag() != null) b.append(' ').append(h.flag());
                }
            }
            out.println(b);
        }
        if (!r.verdict().equals("reached")) out.println("(destination not reached: " + r.reason() + ")");
        notes(out, List.of(r));
    }

    public static void ports(PrintStream out, Target t, List<ProbeResult> results) {
        if (results.isEmpty()) return;
        out.println("ports of " + t.display() + ":");
        out.printf(Locale.ROOT, "%-11s %-14s %s%n", "PORT", "STATE", "REASON");
        for (ProbeResult r : results) {
            String[] kind = r.probe().split("/");
            String proto = kind[0].startsWith("udp") ? "udp" : "tcp";
            StringBuilder why = new StringBuilder(r.reason());
            if (r.ttl() != null) why.append(" ttl ").append(r.ttl());
            if (r.from() != null) why.append(" from ").append(r.from());
            out.printf(Locale.ROOT, "%-11s %-14s %s%n", kind[1] + "/" + proto, r.verdict(), why);
        }
        notes(out, results);
    }

    public static void mtu(PrintStream out, Target t, ProbeResult r) {
        String how = r.from() != null ? " (" + r.reason() + " from " + r.from() + ")" : " (" + r.reason() + ")";
        if (r.verdict().equals("reply")) out.println("path MTU to " + t.display() + ": " + r.mtu() + how);
        else out.println("path MTU to " + t.display() + ": unknown, " + r.verdict() + how + " at " + r.mtu() + " bytes");
        notes(out, List.of(r));
    }

    public static void keepalive(PrintStream out, TcpConnection c, ProbeResult r) {
        String who = c.owner() == null ? "" : " (" + c.owner() + ")";
        String what = switch (r.verdict()) {
            case "alive" -> "alive: the peer answered with an ACK in " + ms(r.rttNs());
            case "reset" -> "reset: the peer answered with an RST in " + ms(r.rttNs()) + " (it no longer knows this connection)";
            default -> "no answer: the peer is gone, or a middlebox on the path has forgotten this connection";
        };
        out.println("connection " + c.describe() + who + ": " + what);
    }

    private static void notes(PrintStream out, List<ProbeResult> results) {
        results.stream().map(ProbeResult::note).filter(n -> n != null).distinct().forEach(n -> out.println("note: " + n));
    }
}
