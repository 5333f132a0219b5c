package dev.nettrace.diagnose;

import dev.nettrace.probe.ProbeException;
import dev.nettrace.probe.ProbeResult;
import dev.nettrace.probe.ProbeText;
import dev.nettrace.probe.Prober;
import dev.nettrace.probe.TcpConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Will this established connection survive being idle? NATs and stateful firewalls forget idle
 * flows after a few minutes (4 min on Azure's load balancers, 350 s on AWS NAT gateways, often
 * 5 min on home routers); after that both ends believe in a connection that no longer exists.
 * Keepalive prevents it only if the process enables SO_KEEPALIVE and the first probe comes
 * sooner than that timeout (Linux waits tcp_keepalive_time, 7200 s by default). The traced
 * setsockopt events are read by their "optname" and "optval" keys.
 */
final class KeepaliveCheck {
    static final int NAT_IDLE_SECONDS = 240;

    private KeepaliveCheck() {}

    /** Adds keepalive evidence; returns the advice sentence, or null when keepalive is adequate. */
    static String advise(Finding f, TraceFile trace, Prober prober) {
        ConnectionRecord c = f.connection();
        boolean enabled = false;
        Integer idle = null;
        for (Map<String, Object> e : trace.eventsOf(c.pid(), c.fd(), "setsockopt")) {
            int value = e.get("optval") instanceof Number n ? n.intValue() : 1;
            if ("SO_KEEPALIVE".equals(e.get("optname"))) enabled = value != 0;
            if ("TCP_KEEPIDLE".equals(e.get("optname"))) idle = value;
        }
        int kernelIdle = sysctl("tcp_keepalive_time", 7200);
        f.evidence.add("keepalive: the traced calls " + (enabled ? "enable" : "never enable") + " SO_KEEPALIVE"
                + (idle != null ? ", TCP_KEEPIDLE " + idle + " s" : "") + "; kernel tcp_keepalive_time " + kernelIdle
                + " s, intvl " + sysctl("tcp_keepalive_intvl", 75) + " s, probes " + sysctl("tcp_keepalive_probes", 9));
        if (c.stillOpen() && c.fd() >= 0) liveness(f, c, prober);
        if (!enabled) {
            return "the process never enables SO_KEEPALIVE on it, so when a NAT or firewall forgets the idle flow (typically after "
                    + NAT_IDLE_SECONDS / 60 + "-6 min) neither end notices until it next writes";
        }
        int effective = idle != null ? idle : kernelIdle;
        if (effective > NAT_IDLE_SECONDS) {
            return "keepalive is on but its first probe comes after " + effective + " s idle, later than typical NAT/firewall idle timeouts ("
                    + NAT_IDLE_SECONDS + "-350 s): set TCP_KEEPIDLE below that";
        }
        return null;
    }

    private static void liveness(Finding f, ConnectionRecord c, Prober prober) {
        try {
            ProbeResult r = prober.keepalive(TcpConnection.parse(c.pid() + ":" + c.fd()));
            f.probes.add(r);
            f.evidence.add("keepalive probe: " + r.verdict() + (r.rttNs() != null ? " (" + r.reason() + " in " + ProbeText.ms(r.rttNs()) + ")" : ""));
        } catch (ProbeException | IOException e) {
            f.evidence.add("keepalive probe: not run (" + e.getMessage() + ")");
        }
    }

    private static int sysctl(String name, int dflt) {
        try {
            return Integer.parseInt(KernelFiles.firstLine(Path.of("/proc/sys/net/ipv4", name)));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
