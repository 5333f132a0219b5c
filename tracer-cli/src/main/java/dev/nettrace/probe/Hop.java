package dev.nettrace.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One TTL of a trace: who answered (null when nobody did), one RTT per probe (null for a probe
 * that got no answer, shown as `*`), and traceroute's flag (!H !N !P !X !F-mtu) when the hop
 * answered with an unreachable instead of time-exceeded.
 */
public record Hop(int ttl, String addr, List<Long> rttNs, String flag) {
    public boolean answered() {
        return addr != null;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ttl", ttl);
        m.put("addr", addr);
        m.put("rttNs", new ArrayList<>(rttNs));
        m.put("flag", flag);
        return m;
    }
}
