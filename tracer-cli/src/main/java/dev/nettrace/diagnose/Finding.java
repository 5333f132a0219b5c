package dev.nettrace.diagnose;

import dev.nettrace.probe.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The diagnosis of one connection: the first broken layer, one sentence, and what it rests on. */
final class Finding {
    final ConnectionRecord connection;
    Layer layer = Layer.none;
    String verdict;
    final List<String> evidence = new ArrayList<>();
    final List<ProbeResult> probes = new ArrayList<>();

    Finding(ConnectionRecord connection) {
        this.connection = connection;
    }

    ConnectionRecord connection() {
        return connection;
    }

    boolean decided() {
        return verdict != null;
    }

    void decide(Layer l, String sentence) {
        if (decided()) return;
        layer = l;
        verdict = sentence;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", connection.pid());
        m.put("comm", connection.comm());
        m.put("fd", connection.fd() >= 0 ? connection.fd() : null);
        m.put("remote", connection.remote());
        m.put("peerName", connection.peerName());
        m.put("outcome", connection.outcome());
        m.put("layer", layer.name());
        m.put("verdict", verdict);
        m.put("evidence", evidence);
        List<Object> ps = new ArrayList<>();
        for (ProbeResult p : probes) ps.add(p.toMap());
        m.put("probes", ps);
        return m;
    }
}
