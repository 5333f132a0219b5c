package dev.nettrace.diagnose;

import dev.nettrace.probe.ProbeResult;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Probe results already taken in this run, by what was probed: a program that failed ten times
 * against one port gets one SYN and one trace, not ten (politeness, and speed).
 */
final class ProbeMemo {
    interface Probe {
        ProbeResult run() throws IOException;
    }

    private final Map<String, ProbeResult> done = new HashMap<>();

    ProbeResult get(long netns, String what, Probe probe) throws IOException {
        String key = netns + " " + what;
        ProbeResult r = done.get(key);
        if (r == null) {
            r = probe.run();
            done.put(key, r);
        }
        return r;
    }
}
