package dev.nettrace.correlate;

import dev.nettrace.procfs.ProcessFacts;
import java.util.HashMap;
import java.util.Map;

/** A process while traced: who it is and which of its descriptors are sockets we follow. */
final class TracedProcess {
    final int pid;
    /** Can change at exec: `ip netns exec` joins a namespace (untraced setns) and then execs. */
    long netns;
    ProcessFacts facts;
    String comm;
    /** What we saw while it ran, for when it is gone before OSHI is asked. */
    String commandLine;
    int parent;
    long startNs;
    boolean exited;
    boolean inherited;
    final Map<Integer, TrackedSocket> fds = new HashMap<>();

    TracedProcess(int pid, long netns) {
        this.pid = pid;
        this.netns = netns;
    }
}
