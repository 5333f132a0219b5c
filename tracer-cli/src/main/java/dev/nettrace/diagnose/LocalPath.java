package dev.nettrace.diagnose;

import dev.nettrace.os.Errno;
import dev.nettrace.probe.Addresses;
import dev.nettrace.probe.RouteTable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * The first three layers, all local: the link the route leaves by, the neighbour (gateway or
 * on-link destination) in the ARP/NDP table, and the route itself. Read over rtnetlink in the
 * namespace the caller runs in; speed and duplex from sysfs when sysfs shows that namespace.
 */
final class LocalPath {
    private LocalPath() {}

    /** Adds link, neighbour and route evidence; decides the finding when one of them is broken. */
    static RouteTable.Route check(Finding f) throws IOException {
        InetAddress dst = f.connection().remoteAddress();
        String to = Addresses.text(dst);
        RouteTable.Route route = RouteTable.route(dst);
        if (!route.found()) {
            f.evidence.add("link: not checked, no route leads to " + to);
            f.evidence.add("route: the kernel's lookup for " + to + " fails with " + errnoName(route.errno()) + " (" + route.refusal() + ")");
            f.decide(Layer.route, "no way to " + to + ": the routing table has " + route.refusal() + " for it (" + errnoName(route.errno()) + ")");
            return route;
        }
        RouteTable.Link link = RouteTable.link(route.ifindex());
        f.evidence.add(describe(link));
        if (!link.up() || !link.carrier() || link.operstate().equals("down") || link.operstate().equals("lowerlayerdown")) {
            f.decide(Layer.link, "link " + link.name() + ", the way to " + to + ", is down: "
                    + (!link.up() ? "administratively down" : !link.carrier() ? "no carrier" : "operstate " + link.operstate()));
        }
        neighbour(f, route, false);
        f.evidence.add("route: " + to + (route.gateway() != null ? " via " + Addresses.text(route.gateway()) : " on-link")
                + " dev " + link.name() + (route.source() != null ? " src " + Addresses.text(route.source()) : ""));
        return route;
    }

    /** Neighbour evidence; decides when the entry is FAILED or INCOMPLETE. Called again after probes stirred ARP/NDP. */
    static void neighbour(Finding f, RouteTable.Route route, boolean afterProbe) throws IOException {
        String dev = RouteTable.link(route.ifindex()).name();
        String when = afterProbe ? " after the probe" : "";
        InetAddress next = route.gateway() != null ? route.gateway() : f.connection().remoteAddress();
        String role = route.gateway() != null ? "gateway " : "on-link host ";
        RouteTable.Neighbour n = RouteTable.neighbour(next, route.ifindex());
        if (n == null && afterProbe) return;
        if (n == null) {
            f.evidence.add("neighbour: " + role + Addresses.text(next) + " has no " + (next instanceof java.net.Inet6Address ? "NDP" : "ARP") + " entry on " + dev + when);
            return;
        }
        // After the probe only a broken entry is news; a healthy one was already reported.
        if (!afterProbe || n.broken()) f.evidence.add("neighbour: " + role + Addresses.text(next) + " on " + dev + " is " + n.stateName() + when);
        if (n.broken()) {
            f.decide(Layer.neighbour, "the " + role + Addresses.text(next) + " does not answer " + (next instanceof java.net.Inet6Address ? "neighbour solicitation" : "ARP")
                    + " on " + dev + " (entry " + n.stateName() + ")");
        }
    }

    static String describe(RouteTable.Link link) {
        StringBuilder s = new StringBuilder("link " + link.name() + ": " + (link.up() ? "up" : "down") + ", operstate " + link.operstate()
                + ", " + (link.carrier() ? "carrier" : "no carrier") + ", mtu " + link.mtu());
        Path sys = Path.of("/sys/class/net", link.name());
        // sysfs shows the namespace it was mounted in: trust it only when the ifindex matches.
        if (KernelFiles.firstLine(sys.resolve("ifindex")).equals(Integer.toString(link.ifindex()))) {
            String speed = KernelFiles.firstLine(sys.resolve("speed")), duplex = KernelFiles.firstLine(sys.resolve("duplex"));
            if (!speed.isEmpty() && !speed.startsWith("-")) s.append(", speed ").append(speed).append(" Mb/s");
            if (!duplex.isEmpty() && !duplex.equals("unknown")) s.append(", ").append(duplex).append(" duplex");
        }
        return s.toString();
    }

    private static String errnoName(int errno) {
        return Errno.name(errno);
    }
}
