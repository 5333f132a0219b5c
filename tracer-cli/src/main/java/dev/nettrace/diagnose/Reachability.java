package dev.nettrace.diagnose;

import dev.nettrace.probe.Addresses;
import dev.nettrace.probe.Hop;
import dev.nettrace.probe.PathTracer;
import dev.nettrace.probe.ProbeResult;
import dev.nettrace.probe.ProbeText;
import dev.nettrace.probe.Prober;
import dev.nettrace.probe.Target;
import java.io.IOException;
import java.util.List;

/**
 * The transport and path layers: a probe of the port the process connected to (SYN, or connect()
 * without CAP_NET_RAW; UDP for UDP flows), and when the port does not answer, a trace to where
 * the path stops. The result is judged against what the process saw.
 */
final class Reachability {
    private static final int MAX_TTL = 16, PER_HOP = 2;

    private Reachability() {}

    /** Returns the port probe's result (also recorded as evidence and in the finding's probes). */
    static ProbeResult transport(Finding f, Prober prober, ProbeMemo memo) throws IOException {
        ConnectionRecord c = f.connection();
        Target t = Target.of(c.remoteAddress());
        ProbeResult p = memo.get(c.netns(), (c.isTcp() ? "tcp " : "udp ") + c.remote(), () -> (c.isTcp()
                ? prober.tcpPorts(t, List.of(c.remotePort())) : prober.udpPorts(t, List.of(c.remotePort()))).get(0));
        f.probes.add(p);
        f.evidence.add(p.probe() + ": " + p.verdict() + " (" + p.reason() + (p.from() != null ? " from " + p.from() : "")
                + (p.rttNs() != null ? ", " + ProbeText.ms(p.rttNs()) : "") + ")" + (p.note() != null ? "; " + p.note() : ""));
        return p;
    }

    /** Judges a port probe that did not find the port open, tracing the path when needed. */
    static void judge(Finding f, ProbeResult port, Prober prober, ProbeMemo memo) throws IOException {
        ConnectionRecord c = f.connection();
        String host = Addresses.text(c.remoteAddress());
        String what = "port " + c.remotePort() + " on " + host;
        if (port.verdict().equals("closed")) {
            String why = port.reason().equals("reset") ? "the host answers the SYN with RST: nothing listens there"
                    : "the host answers with ICMP port-unreachable (a firewall REJECT): the kernel reports that as connection refused";
            f.decide(Layer.transport, what + " is closed: " + why);
            return;
        }
        boolean fromHost = host.equals(port.from());
        if (port.from() != null && fromHost) {
            f.decide(Layer.transport, what + " is filtered: ICMP " + port.reason() + " from " + host + " itself (a firewall on the host rejects it)");
            return;
        }
        ProbeResult trace = memo.get(c.netns(), "trace " + host,
                () -> prober.trace(Target.of(c.remoteAddress()), PathTracer.Method.icmp, 0, MAX_TTL, PER_HOP, 0));
        f.probes.add(trace);
        f.evidence.add("trace: " + summary(trace));
        Hop last = lastAnswered(trace);
        if (port.from() != null) {
            int hop = hopOf(trace, port.from());
            f.decide(Layer.path, what + " is filtered: " + (port.probe().startsWith("tcp-syn") ? "no SYN-ACK; " : "") + "ICMP " + port.reason()
                    + " from " + port.from() + (hop > 0 ? " (hop " + hop + ")" : ""));
            return;
        }
        if (trace.verdict().equals("reached")) {
            f.decide(Layer.transport, what + " is filtered: no answer to SYN, though the host answers ICMP " + trace.hops().size()
                    + " hops away: a firewall drops the SYN");
            return;
        }
        if (last != null && last.flag() != null) {
            f.decide(Layer.path, what + " is unreachable: ICMP " + trace.reason() + " from " + last.addr() + " (hop " + last.ttl() + ")");
            return;
        }
        f.decide(Layer.path, what + " does not answer, and neither does the path: "
                + (last == null ? "no hop answers at all" : "it goes silent after hop " + last.ttl() + " (" + last.addr() + ")"));
    }

    private static Hop lastAnswered(ProbeResult trace) {
        Hop last = null;
        for (Hop h : trace.hops()) if (h.answered()) last = h;
        return last;
    }

    private static int hopOf(ProbeResult trace, String addr) {
        int found = 0;
        for (Hop h : trace.hops()) if (addr.equals(h.addr())) found = h.ttl();
        return found;
    }

    static String summary(ProbeResult trace) {
        StringBuilder s = new StringBuilder();
        for (Hop h : trace.hops()) {
            if (s.length() > 0) s.append(", ");
            s.append(h.ttl()).append(' ').append(h.addr() == null ? "*" : h.addr());
            if (h.flag() != null) s.append(' ').append(h.flag());
        }
        return (trace.verdict().equals("reached") ? "reached" : "not reached (" + trace.reason() + ")") + ": " + s;
    }
}
