package dev.nettrace.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What came back for one port probe: the nmap state and reason, the TTL of a reply from the
 * target itself (-1 otherwise), and who sent the ICMP error when one did (null otherwise).
 */
record PortAnswer(String verdict, String reason, int ttl, String from) {
    static PortAnswer reply(String verdict, String reason, int ttl) {
        return new PortAnswer(verdict, reason, ttl, null);
    }

    static PortAnswer icmp(String verdict, String reason, String from) {
        return new PortAnswer(verdict, reason, -1, from);
    }

    /** One result per probed port, in port order; a port nothing answered gets silentVerdict/no-response. */
    static List<ProbeResult> results(Target t, Map<Integer, Exchange.Outcome<PortAnswer>> got, IntFunction<String> probeName, String silentVerdict) {
        List<ProbeResult> out = new ArrayList<>();
        for (Map.Entry<Integer, Exchange.Outcome<PortAnswer>> e : got.entrySet()) {
            PortAnswer a = e.getValue().answer();
            String probe = probeName.apply(e.getKey());
            if (a == null) {
                out.add(ProbeResult.of(t, probe, silentVerdict, "no-response"));
                continue;
            }
            ProbeResult r = ProbeResult.of(t, probe, a.verdict(), a.reason()).withRtt(e.getValue().rttNs());
            if (a.ttl() >= 0) r = r.withTtl(a.ttl());
            if (a.from() != null) r = r.withFrom(a.from());
            out.add(r);
        }
        return out;
    }
}
