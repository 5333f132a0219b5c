package dev.nettrace.diagnose;

import dev.nettrace.probe.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The DNS layer: which name the process looked up for the peer, what it got back, whether an
 * /etc/hosts entry decided the answer instead of DNS, and the resolver configuration. Files are
 * read through /proc/PID/root when the process still exists, so a container's or an
 * `ip netns exec` bind-mounted /etc/hosts is the one that counts.
 */
final class NameCheck {
    /** A hosts-file line that names the peer. */
    record Pin(Path file, int line, String text) {}

    private NameCheck() {}

    /** Adds DNS evidence; returns the hosts-file pin of the peer name that gave the failing address, or null. */
    static Pin check(Finding f, TraceFile trace) {
        ConnectionRecord c = f.connection();
        Path root = Files.isDirectory(Path.of("/proc", Long.toString(c.pid()), "root", "etc")) ? Path.of("/proc", Long.toString(c.pid()), "root") : Path.of("/");
        List<String> servers = nameservers(root.resolve("etc/resolv.conf"));
        f.evidence.add("dns: resolver " + (servers.isEmpty() ? "has no nameserver configured" : "uses " + String.join(", ", servers)));
        String name = c.peerName();
        if (name == null) {
            f.evidence.add("dns: no name lookup is known for " + c.remote() + " (the process connected to an address)");
            return null;
        }
        for (Map<String, Object> e : trace.eventsOf(c.pid(), -1, "dns")) {
            if (name.equalsIgnoreCase(String.valueOf(e.get("host")))) f.evidence.add("dns: the process asked for " + name + " and got " + e.get("answers"));
        }
        Path hosts = root.resolve("etc/hosts");
        Pin pin = pin(hosts, name, c.remoteAddress());
        if (pin != null) {
            f.evidence.add("dns: " + name + " is pinned to " + Addresses.text(c.remoteAddress()) + " by /etc/hosts line " + pin.line() + " (\"" + pin.text() + "\"), so DNS is never asked");
        } else {
            f.evidence.add("dns: /etc/hosts has no entry for " + name + "; it came from DNS");
        }
        return pin;
    }

    static Pin pin(Path hosts, String name, InetAddress addr) {
        List<String> lines;
        try {
            lines = Files.readAllLines(hosts);
        } catch (IOException e) {
            return null;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (f.length < 2) continue;
            for (int k = 1; k < f.length; k++) {
                if (!f[k].equalsIgnoreCase(name)) continue;
                try {
                    if (InetAddress.getByName(f[0]).equals(addr)) return new Pin(hosts, i + 1, line.trim());
                } catch (IOException e) {
                    // Not an address: a malformed line does not pin anything.
                }
            }
        }
        return null;
    }

    private static List<String> nameservers(Path resolvConf) {
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(resolvConf)) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2 && f[0].equals("nameserver")) out.add(f[1]);
            }
        } catch (IOException e) {
            // No resolv.conf: the glibc default (127.0.0.1) applies; "no nameserver configured" says so.
        }
        return out;
    }
}
