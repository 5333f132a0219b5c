package dev.nettrace.testkit;

import dev.nettrace.os.Netns;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A small network of namespaces that exists only while a test runs:
 *
 * <pre>
 *  client ──198.18.1.0/24── r1 ──198.18.2.0/24── r2 ──198.18.3.0/24 (MTU 1400)── server
 *          fd7e:7472:1::/64       fd7e:7472:2::/64       fd7e:7472:3::/64
 * </pre>
 *
 * r1 answers 198.18.9.0/24 with host-unreachable and r2 answers 198.18.10.0/24 with
 * network-unreachable, both from firewall REJECTs because routers rate-limit the errors their
 * routing generates by a global, host-wide bucket (a burst of 5, then 1/s) that no namespace can
 * lift; 198.18.11.0/24 is a real `unreachable` route on r1, rate limit and all; r1 silently
 * drops everything for 198.18.12.0/24. r2 never sends time-exceeded. The server listens on
 * {@link #TCP_OPEN} and {@link #UDP_OPEN} (echo); {@link #TCP_CLOSED} and {@link #UDP_CLOSED}
 * have no socket; {@link #TCP_DROP} and {@link #UDP_DROP} are dropped, {@link #TCP_ADMIN}
 * rejected with admin-prohibited, {@link #TCP_PORT_UNREACH} rejected with port-unreachable.
 * In the client, 198.18.20/24, .21/24, .22/24 are unreachable, prohibit and blackhole routes,
 * 198.18.1.99 is an on-link address nobody owns, and 198.18.30.0/24 goes out a link without
 * carrier. ICMP rate limits are lifted in every namespace so answers are deterministic.
 *
 * Inside the client (under `ip netns exec`) /etc/hosts and /etc/resolv.conf are the lab's own
 * (/etc/netns/NAME/): {@link #SERVER_NAME} and {@link #STALE_NAME} resolve from the hosts file and
 * the name server is the lab server, which answers DNS with port-unreachable, so no lookup
 * ever leaves the machine.
 *
 * Namespaces are named nt-PID-RANDOM-ROLE; {@link #start()} first removes those left by runs
 * whose JVM is gone, and {@link #close()} removes this run's even after a failed test.
 */
public final class NetnsLab implements AutoCloseable {
    public static final String CLIENT = "client", R1 = "r1", R2 = "r2", SERVER = "server";
    public static final int TCP_OPEN = 8080, TCP_CLOSED = 8081, TCP_DROP = 8082, TCP_ADMIN = 8083, TCP_PORT_UNREACH = 8084;
    public static final int UDP_OPEN = 5353, UDP_CLOSED = 5354, UDP_DROP = 5355;
    public static final String CLIENT_V4 = "198.18.1.2", R1_V4 = "198.18.1.1", R1_FAR_V4 = "198.18.2.1", R2_V4 = "198.18.2.2",
            R2_FAR_V4 = "198.18.3.1", SERVER_V4 = "198.18.3.2";
    public static final String CLIENT_V6 = "fd7e:7472:1::2", R1_V6 = "fd7e:7472:1::1", R2_V6 = "fd7e:7472:2::2", SERVER_V6 = "fd7e:7472:3::2";
    public static final String HOST_UNREACH_V4 = "198.18.9.1", NET_UNREACH_V4 = "198.18.10.1", ROUTE_UNREACH_V4 = "198.18.11.1",
            SILENT_V4 = "198.18.12.1";
    public static final String LOCAL_UNREACHABLE_V4 = "198.18.20.1", LOCAL_PROHIBIT_V4 = "198.18.21.1", LOCAL_BLACKHOLE_V4 = "198.18.22.1";
    public static final String NO_NEIGHBOUR_V4 = "198.18.1.99", NO_CARRIER_V4 = "198.18.30.1";
    public static final int SMALL_MTU = 1400;
    public static final String SERVER_NAME = "server.lab.test", STALE_NAME = "stale.lab.test";

    private static final String PREFIX = "nt-";
    private final String id;
    private final List<AutoCloseable> services = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private NetnsLab(String id) {
        this.id = id;
    }

    private static NetnsLab shared;

    /**
     * One lab for every test class of this JVM (building one takes seconds): created on first use,
     * torn down when the JVM exits, failed tests or not. Tests that change it (a firewall rule, a
     * killed connection) put it back. A JVM killed outright leaves namespaces that the next
     * {@link #start()} removes.
     */
    public static synchronized NetnsLab shared() throws Exception {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "NetnsLab teardown"));
        }
        return shared;
    }

    /**
     * The shared lab for a test class: skips (fails under CI=true) without root, iptables or any of
     * the extra commands the class needs.
     */
    public static NetnsLab forTest(String... commands) throws Exception {
        Privileges.requireRoot("builds network namespaces and sends raw packets");
        Privileges.requireCommand("iptables");
        for (String c : commands) Privileges.requireCommand(c);
        return shared();
    }

    /** Builds the lab (root only); on any failure whatever was built is torn down. */
    public static NetnsLab start() throws Exception {
        removeLeftovers();
        NetnsLab lab = new NetnsLab(PREFIX + ProcessHandle.current().pid() + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36));
        try {
            lab.build();
            lab.startServices();
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    /**
     * Keeps a lab up for benchmarks and manual work: prints the client namespace's name, then
     * holds the lab until stdin reaches end of file (or the JVM is stopped).
     */
    public static void main(String[] args) throws Exception {
        NetnsLab lab = start();
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close));
        System.out.println(lab.ns(CLIENT));
        System.out.flush();
        while (System.in.read() >= 0) {
            // Wait for the caller to close our stdin.
        }
        lab.close();
    }

    /** The namespace name of a role, for `ip netns exec`. */
    public String ns(String role) {
        return id + "-" + role;
    }

    public Path nsPath(String role) {
        return Netns.named(ns(role));
    }

    /** The command line that runs cmd inside a role's namespace. */
    public List<String> inNs(String role, String... cmd) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns(role)));
        c.addAll(List.of(cmd));
        return c;
    }

    /** Runs work on a thread inside a role's namespace (sockets it opens live there). */
    public <T> T inside(String role, Callable<T> work) throws Exception {
        return Netns.call(nsPath(role), work);
    }

    /** Runs a command in a role's namespace, bounded by 30 s; fails on a non-zero exit. */
    public String exec(String role, String... cmd) throws IOException, InterruptedException {
        return run(inNs(role, cmd));
    }

    /** Starts a long-running process in a role's namespace; it is killed at close(). */
    public synchronized Process spawn(String role, String... cmd) throws IOException {
        Process p = new ProcessBuilder(inNs(role, cmd)).redirectErrorStream(false).start();
        processes.add(p);
        return p;
    }

    /**
     * One `ip -batch` in our namespace for namespaces and veth pairs, then one shell script per
     * role: sixty separate commands made the lab take 15 s on a loaded machine.
     */
    private void build() throws IOException, InterruptedException {
        Map<String, List<String>> script = new LinkedHashMap<>();
        List<String> batch = new ArrayList<>();
        for (String role : List.of(CLIENT, R1, R2, SERVER)) {
            batch.add("netns add " + ns(role));
            // Deterministic ICMP: no per-destination or global rate limit in the lab.
            script.computeIfAbsent(role, r -> new ArrayList<>()).addAll(List.of("ip link set lo up",
                    "sysctl -q -w net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0 net.ipv4.icmp_msgs_per_sec=100000"
                            + " net.ipv4.icmp_msgs_burst=100000 'net.ipv4.ping_group_range=0 2147483647'"
                            + " net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0"));
        }
        link(batch, script, CLIENT, "eth0", R1, "c0", 1500);
        link(batch, script, R1, "r2", R2, "r1", 1500);
        link(batch, script, R2, "s0", SERVER, "eth0", SMALL_MTU);
        link(batch, script, CLIENT, "dead0", R1, "dead0", 1500);
        run(List.of("ip", "-batch", "-"), String.join("\n", batch) + "\n");
        Path etc = Path.of("/etc/netns", ns(CLIENT));
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n" + SERVER_V4 + " " + SERVER_NAME + "\n" + SILENT_V4 + " " + STALE_NAME + "\n");
        Files.writeString(etc.resolve("resolv.conf"), "nameserver " + SERVER_V4 + "\noptions timeout:1 attempts:1\n");
        script.get(R1).add("ip link set dead0 down");
        address(script, CLIENT, "eth0", CLIENT_V4 + "/24", CLIENT_V6 + "/64");
        address(script, R1, "c0", R1_V4 + "/24", R1_V6 + "/64");
        address(script, R1, "r2", R1_FAR_V4 + "/24", "fd7e:7472:2::1/64");
        address(script, R2, "r1", R2_V4 + "/24", R2_V6 + "/64");
        address(script, R2, "s0", R2_FAR_V4 + "/24", "fd7e:7472:3::1/64");
        address(script, SERVER, "eth0", SERVER_V4 + "/24", SERVER_V6 + "/64");
        address(script, CLIENT, "dead0", "198.18.29.2/24");
        for (String router : List.of(R1, R2)) script.get(router).add("sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1");
        script.get(CLIENT).addAll(List.of("ip route add default via " + R1_V4, "ip -6 route add default via " + R1_V6,
                "ip route add unreachable 198.18.20.0/24", "ip route add prohibit 198.18.21.0/24", "ip route add blackhole 198.18.22.0/24",
                "ip route add 198.18.30.0/24 dev dead0"));
        script.get(R1).addAll(List.of("ip route add default via " + R2_V4, "ip -6 route add default via " + R2_V6,
                "ip route add unreachable 198.18.11.0/24",
                "iptables -A FORWARD -d 198.18.9.0/24 -j REJECT --reject-with icmp-host-unreachable",
                "iptables -A FORWARD -d 198.18.12.0/24 -j DROP"));
        script.get(R2).addAll(List.of("ip route add 198.18.10.0/24 dev s0",
                "iptables -A FORWARD -d 198.18.10.0/24 -j REJECT --reject-with icmp-net-unreachable",
                "ip route add 198.18.1.0/24 via " + R1_FAR_V4, "ip -6 route add fd7e:7472:1::/64 via fd7e:7472:2::1",
                // r2 forwards and answers unreachables, but never says time-exceeded: a silent hop.
                "iptables -A OUTPUT -p icmp --icmp-type time-exceeded -j DROP",
                "ip6tables -A OUTPUT -p icmpv6 --icmpv6-type time-exceeded -j DROP"));
        script.get(SERVER).addAll(List.of("ip route add default via " + R2_FAR_V4, "ip -6 route add default via fd7e:7472:3::1"));
        firewall(script.get(SERVER), "iptables", "icmp-admin-prohibited", "icmp-port-unreachable");
        firewall(script.get(SERVER), "ip6tables", "icmp6-adm-prohibited", "icmp6-port-unreachable");
        for (Map.Entry<String, List<String>> e : script.entrySet()) exec(e.getKey(), "sh", "-e", "-c", String.join("\n", e.getValue()));
    }

    private static void firewall(List<String> server, String tool, String adminProhibited, String portUnreachable) {
        server.add(tool + " -A INPUT -p tcp --dport " + TCP_DROP + " -j DROP");
        server.add(tool + " -A INPUT -p udp --dport " + UDP_DROP + " -j DROP");
        server.add(tool + " -A INPUT -p tcp --dport " + TCP_ADMIN + " -j REJECT --reject-with " + adminProhibited);
        server.add(tool + " -A INPUT -p tcp --dport " + TCP_PORT_UNREACH + " -j REJECT --reject-with " + portUnreachable);
    }

    private void link(List<String> batch, Map<String, List<String>> script, String a, String aDev, String b, String bDev, int mtu) {
        batch.add("link add " + aDev + " netns " + ns(a) + " mtu " + mtu + " type veth peer name " + bDev + " netns " + ns(b) + " mtu " + mtu);
        script.get(a).add("ip link set " + aDev + " up");
        script.get(b).add("ip link set " + bDev + " up");
    }

    private static void address(Map<String, List<String>> script, String role, String dev, String... addrs) {
        for (String addr : addrs) {
            script.get(role).add(addr.contains(":") ? "ip -6 addr add " + addr + " dev " + dev + " nodad" : "ip addr add " + addr + " dev " + dev);
        }
    }

    private void startServices() throws Exception {
        // "::" is dual-stack: one socket serves IPv4 and IPv6 clients.
        ServerSocket tcp = inside(SERVER, () -> {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getByName("::"), TCP_OPEN), 64);
            return s;
        });
        services.add(tcp);
        daemon("lab tcp", () -> serveTcp(tcp));
        DatagramSocket udp = inside(SERVER, () -> new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::"), UDP_OPEN)));
        services.add(udp);
        daemon("lab udp", () -> serveUdp(udp));
    }

    /** Accepts and holds each connection open, echoing what arrives, until the peer or close() ends it. */
    private void serveTcp(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket c = server.accept();
                synchronized (services) {
                    services.add(c);
                }
                daemon("lab tcp conn", () -> {
                    try (InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
                        byte[] buf = new byte[4096];
                        for (int n; (n = in.read(buf)) > 0; ) out.write(buf, 0, n);
                    } catch (IOException e) {
                        // The peer went away; nothing to serve.
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serveUdp(DatagramSocket s) {
        byte[] buf = new byte[2048];
        while (!s.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                s.receive(p);
                byte[] reply = ("echo:" + new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
                s.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public synchronized void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        synchronized (services) {
            for (AutoCloseable s : services) {
                try {
                    s.close();
                } catch (Exception e) {
                    // Closing a lab socket cannot fail in a way that matters; the namespace goes next.
                }
            }
        }
        for (String role : List.of(CLIENT, R1, R2, SERVER)) removeNamespace(ns(role));
    }

    private static void removeLeftovers() throws IOException, InterruptedException {
        Path dir = Path.of("/run/netns");
        if (!Files.isDirectory(dir)) return;
        try (var names = Files.list(dir)) {
            for (Path p : names.toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(PREFIX)) continue;
                String[] parts = name.split("-");
                if (parts.length < 4) continue;
                try {
                    long pid = Long.parseLong(parts[1]);
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                } catch (NumberFormatException e) {
                    continue;
                }
                removeNamespace(name);
            }
        }
    }

    /** Kills what still runs in the namespace (only ever our own lab processes), then deletes it. */
    private static void removeNamespace(String name) {
        try {
            Path etc = Path.of("/etc/netns", name);
            if (Files.isDirectory(etc)) {
                try (var files = Files.list(etc)) {
                    for (Path f : files.toList()) Files.delete(f);
                }
                Files.delete(etc);
            }
            if (!Files.exists(Path.of("/run/netns", name))) return;
            String pids = run(List.of("ip", "netns", "pids", name));
            for (String pid : pids.split("\\s+")) {
                if (!pid.isBlank()) ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
            run(List.of("ip", "netns", "del", name));
        } catch (Exception e) {
            System.err.println("NetnsLab: could not remove namespace " + name + ": " + e.getMessage());
        }
    }

    /** Runs a command (bounded by 30 s) and returns its stdout; a failure carries stderr. */
    public static String run(List<String> cmd) throws IOException, InterruptedException {
        return run(cmd, "");
    }

    /** As {@link #run(List)}, feeding stdin to the command. */
    public static String run(List<String> cmd, String stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile("netnslab", ".out"), err = Files.createTempFile("netnslab", ".err"), in = Files.createTempFile("netnslab", ".in");
        try {
            Files.writeString(in, stdin);
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(in.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + Files.readString(err).trim());
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(in);
        }
    }
}
