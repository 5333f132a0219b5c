package dev.nettrace.diagnose;

import dev.nettrace.os.Netns;
import dev.nettrace.probe.Addresses;
import dev.nettrace.probe.ProbeResult;
import dev.nettrace.probe.ProbeText;
import dev.nettrace.probe.Prober;
import dev.nettrace.probe.RouteTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Walks the layers for every failed, slow or idle connection of a trace and stops at the first
 * broken one: link, neighbour, route (local, no packet sent), DNS (files), then the transport and
 * path probes. Each connection is examined inside its own network namespace.
 */
public final class Diagnoser {
    private final TraceFile trace;
    private final Prober prober;
    private final long slowNs;
    private final ProbeMemo memo = new ProbeMemo();

    Diagnoser(TraceFile trace, Prober prober, long slowNs) {
        this.trace = trace;
        this.prober = prober;
        this.slowNs = slowNs;
    }

    List<Finding> run() throws Exception {
        List<Finding> out = new ArrayList<>();
        for (ConnectionRecord c : trace.connections()) {
            if (!worthExamining(c)) continue;
            Path ns = namespaceOf(c);
            Finding f = Netns.call(ns != null ? ns : Netns.own(), () -> {
                Finding x = new Finding(c);
                if (ns == null && c.netns() != 0) {
                    x.evidence.add("namespace: network namespace " + c.netns() + " no longer exists; checked from nettrace's own");
                }
                examine(x);
                return x;
            });
            out.add(f);
        }
        return out;
    }

    private boolean worthExamining(ConnectionRecord c) {
        return c.failed() || slow(c) || (c.stillOpen() && c.isTcp() && !"listener".equals(c.role()) && !"server".equals(c.role()));
    }

    private boolean slow(ConnectionRecord c) {
        return c.connectNs() != null && c.connectNs() > slowNs;
    }

    private void examine(Finding f) throws IOException {
        ConnectionRecord c = f.connection();
        RouteTable.Route route = LocalPath.check(f);
        if (f.decided()) return;
        NameCheck.Pin pin = NameCheck.check(f, trace);
        if (!c.failed() && !slow(c)) {
            String advice = KeepaliveCheck.advise(f, trace, prober);
            f.decide(advice != null ? Layer.keepalive : Layer.none,
                    advice != null ? "idle connection to " + c.remote() + ": " + advice : "open, and keepalive would notice a dead peer in time");
            return;
        }
        ProbeResult port = Reachability.transport(f, prober, memo);
        if (!port.verdict().equals("open")) {
            // The probe itself made the kernel resolve the next hop: its entry is fresh now.
            LocalPath.neighbour(f, route, true);
            Reachability.judge(f, port, prober, memo);
            // A pin is only to blame when the pinned address is dead; a live host with a closed or
            // filtered port is the port's story, whatever named it.
            if (pin != null && f.layer == Layer.path) {
                f.layer = Layer.dns;
                f.verdict = c.peerName() + " is pinned to " + Addresses.text(c.remoteAddress()) + " by /etc/hosts line " + pin.line()
                        + " instead of DNS, and that address fails: " + f.verdict;
            }
            return;
        }
        String answered = "port " + c.remotePort() + " on " + Addresses.text(c.remoteAddress()) + " answers now (" + port.reason()
                + (port.rttNs() != null ? " in " + ProbeText.ms(port.rttNs()) : "") + ")";
        if (c.failed() && c.wasEstablished()) {
            String advice = KeepaliveCheck.advise(f, trace, prober);
            if (advice != null) {
                f.decide(Layer.keepalive, "the established connection ended " + c.outcome() + " and " + answered + "; " + advice);
                return;
            }
        }
        if (c.failed()) {
            f.decide(Layer.none, answered + ": the " + c.outcome() + " did not last (a restart, an overload or a transient path problem)");
        } else {
            f.decide(Layer.none, String.format(java.util.Locale.ROOT, "connect took %.2f s, but %s: the first SYN or its answer was lost and retransmitted",
                    c.connectNs() / 1e9, answered));
        }
    }

    /** Where the connection lived: the owner's namespace, a named one, or any process's with that inode. */
    static Path namespaceOf(ConnectionRecord c) {
        if (c.netns() == 0) return null;
        Path own = Netns.own();
        if (Netns.inode(own) == c.netns()) return own;
        Path owner = Netns.ofProcess(c.pid());
        if (Netns.inode(owner) == c.netns()) return owner;
        for (Path dir : List.of(Path.of("/run/netns"), Path.of("/proc"))) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path p : (Iterable<Path>) entries::iterator) {
                    Path ns = dir.getFileName().toString().equals("proc") ? p.resolve("ns/net") : p;
                    if (Files.exists(ns) && Netns.inode(ns) == c.netns()) return ns;
                }
            } catch (IOException e) {
                // An unreadable directory cannot hold the namespace we look for.
            }
        }
        return null;
    }
}
