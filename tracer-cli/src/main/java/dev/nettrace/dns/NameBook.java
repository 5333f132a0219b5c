package dev.nettrace.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The names a process knows its peers by: addresses from the DNS answers it received (or the
 * agent's lookups), then its own /etc/hosts (read through /proc/PID/root, so a container's file).
 */
public final class NameBook {
    private final Map<Integer, Map<String, String>> learned = new HashMap<>();
    private final Map<Integer, Map<String, String>> hosts = new HashMap<>();

    public void learn(int pid, DnsAnswer answer) {
        learn(pid, answer.question(), answer.addresses());
    }

    public void learn(int pid, String name, Iterable<String> addresses) {
        Map<String, String> m = learned.computeIfAbsent(pid, k -> new HashMap<>());
        for (String a : addresses) m.put(a, name);
    }

    /** Copies what a parent learned to its forked child. */
    public void inherit(int parent, int child) {
        Map<String, String> m = learned.get(parent);
        if (m != null) learned.put(child, new HashMap<>(m));
    }

    /** The name for {@code host} (an address without port) in process {@code pid}: DNS first, then hosts. */
    public Lookup name(int pid, String host) {
        String n = learned.getOrDefault(pid, Map.of()).get(host);
        if (n != null) return new Lookup(n, "dns");
        n = hosts.computeIfAbsent(pid, NameBook::readHosts).get(host);
        return n == null ? null : new Lookup(n, "hosts");
    }

    public record Lookup(String name, String source) {}

    /** First name per address, as the resolver would answer a reverse lookup from the file. */
    static Map<String, String> readHosts(int pid) {
        Map<String, String> m = new HashMap<>();
        Path p = Path.of("/proc", Integer.toString(pid), "root", "etc", "hosts");
        if (!Files.isReadable(p)) p = Path.of("/etc/hosts");
        try {
            for (String line : Files.readAllLines(p)) {
                int hash = line.indexOf('#');
                String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
                if (f.length < 2) continue;
                dev.nettrace.timeline.Endpoint e = dev.nettrace.timeline.Endpoint.parse(
                        f[0].contains(":") ? "[" + f[0] + "]:0" : f[0] + ":0");
                if (e != null) m.putIfAbsent(e.host(), f[1]);
            }
        } catch (IOException e) {
            return m;
        }
        return m;
    }
}
