package dev.nettrace.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to one probe, keyed as `nettrace probe --format json` prints it. {@code from} is who
 * answered when that was not the target (a router's unreachable); {@code note} says when the
 * result is weaker than a raw-socket probe would give.
 */
public record ProbeResult(String target, String address, String probe, String verdict, String reason,
                          Integer ttl, Integer initialTtl, Long rttNs, List<Hop> hops, String from,
                          Integer mtu, String note) {

    public static ProbeResult of(Target t, String probe, String verdict, String reason) {
        return new ProbeResult(t.name(), Addresses.text(t.address()), probe, verdict, reason, null, null, null, null, null, null, null);
    }

    public ProbeResult withTtl(int replyTtl) {
        return new ProbeResult(target, address, probe, verdict, reason, replyTtl, initialTtlGuess(replyTtl), rttNs, hops, from, mtu, note);
    }

    public ProbeResult withRtt(long ns) {
        return new ProbeResult(target, address, probe, verdict, reason, ttl, initialTtl, ns, hops, from, mtu, note);
    }

    public ProbeResult withHops(List<Hop> h) {
        return new ProbeResult(target, address, probe, verdict, reason, ttl, initialTtl, rttNs, List.copyOf(h), from, mtu, note);
    }

    public ProbeResult withFrom(String answerer) {
        return new ProbeResult(target, address, probe, verdict, reason, ttl, initialTtl, rttNs, hops, answerer, mtu, note);
    }

    public ProbeResult withMtu(int pathMtu) {
        return new ProbeResult(target, address, probe, verdict, reason, ttl, initialTtl, rttNs, hops, from, pathMtu, note);
    }

    public ProbeResult withNote(String n) {
        return new ProbeResult(target, address, probe, verdict, reason, ttl, initialTtl, rttNs, hops, from, mtu, n);
    }

    /** Hosts start packets at 64 (Linux, macOS), 128 (Windows) or 255 (network gear). */
    public static int initialTtlGuess(int replyTtl) {
        return replyTtl <= 64 ? 64 : replyTtl <= 128 ? 128 : 255;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("address", address);
        m.put("probe", probe);
        m.put("verdict", verdict);
        m.put("reason", reason);
        m.put("ttl", ttl);
        m.put("initialTtl", initialTtl);
        m.put("rttNs", rttNs);
        if (hops != null) {
            List<Object> hs = new ArrayList<>();
            for (Hop h : hops) hs.add(h.toMap());
            m.put("hops", hs);
        }
        if (from != null) m.put("from", from);
        if (mtu != null) m.put("mtu", mtu);
        if (note != null) m.put("note", note);
        return m;
    }
}
