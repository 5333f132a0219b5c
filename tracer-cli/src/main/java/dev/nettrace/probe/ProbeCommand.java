package dev.nettrace.probe;

import dev.nettrace.cli.UserError;
import dev.nettrace.json.Json;
import dev.nettrace.os.Netns;
import dev.nettrace.os.NetnsException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Probe one host the way ping, traceroute and nmap do (raw sockets; weaker fallbacks without CAP_NET_RAW).",
                "Polite by default: at most 50 probes per second and 1200 per run; never a range of hosts."})
public final class ProbeCommand implements Callable<Integer> {
    public enum Format { text, json }

    @Parameters(arity = "0..1", paramLabel = "TARGET", description = "Host name or address (not needed with --conn).")
    String target;

    @Option(names = "--ping", description = "ICMP echo: RTT, loss, reply TTL and the initial TTL it suggests (the default when nothing else is asked).")
    boolean ping;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Echo requests to send (default: ${DEFAULT-VALUE}).")
    int count = 3;

    @Option(names = {"-i", "--interval"}, paramLabel = "SECONDS", description = "Time between echo requests (default: ${DEFAULT-VALUE}).")
    double interval = 0.5;

    @Option(names = "--trace", description = "Trace the path with TTL-limited probes (one flow identity for the whole trace).")
    boolean trace;

    @Option(names = "--method", paramLabel = "METHOD", description = "Trace probes: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    PathTracer.Method method = PathTracer.Method.udp;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Destination port of tcp or udp trace probes (default: 80 for tcp, 33434 for udp).")
    int port;

    @Option(names = {"-m", "--max-ttl"}, paramLabel = "N", description = "Maximum hops to trace (default: ${DEFAULT-VALUE}).")
    int maxTtl = 30;

    @Option(names = {"-q", "--queries"}, paramLabel = "N", description = "Probes per hop (default: ${DEFAULT-VALUE}).")
    int queries = 3;

    @Option(names = "--size", paramLabel = "BYTES", description = "Trace with packets of this size and don't-fragment set (udp, icmp), to find where they stop (!F).")
    int size;

    @Option(names = "--tcp", paramLabel = "PORTS", description = "SYN-probe these TCP ports (80,443,8000-8010).")
    String tcpPorts;

    @Option(names = "--connect", description = "Probe TCP ports with connect() (nmap -sT) instead of SYN.")
    boolean connect;

    @Option(names = "--udp", paramLabel = "PORTS", description = "Probe these UDP ports.")
    String udpPorts;

    @Option(names = "--mtu", description = "Find the path MTU with don't-fragment probes.")
    boolean mtu;

    @Option(names = "--conn", paramLabel = "PID:FD|LOCAL,REMOTE", description = "Keepalive-style liveness probe of an idle established TCP connection; its owner sees nothing.")
    String conn;

    @Option(names = "-6", description = "Prefer the IPv6 address of TARGET.")
    boolean ipv6;

    @Option(names = "--netns", paramLabel = "NAME|PATH", description = "Probe from inside this network namespace (ip netns name or a /proc/PID/ns/net path).")
    String netns;

    @Mixin ProbeOptions probeOptions;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Override
    public Integer call() throws Exception {
        if (target == null && conn == null) throw new UserError("probe needs a TARGET (or --conn)", 2);
        if (!probeOptions.valid() || count <= 0 || maxTtl <= 0 || maxTtl > 255 || queries <= 0 || interval < 0 || size < 0 || size > 65000) {
            throw new UserError("--rate, --max-probes, --count, --queries and --timeout must be positive, --max-ttl 1-255, --size 0-65000", 2);
        }
        Path ns = namespace();
        try {
            return Netns.call(ns, this::probe);
        } catch (ProbeException | NetnsException e) {
            throw new UserError(e.getMessage());
        }
    }

    private Path namespace() {
        if (netns != null) {
            Path p = netns.contains("/") ? Path.of(netns) : Netns.named(netns);
            if (!Files.exists(p)) throw new UserError("no network namespace " + netns);
            return p;
        }
        return Netns.own();
    }

    private Integer probe() throws Exception {
        Prober prober = probeOptions.prober().forceConnect(connect);
        PrintStream out = System.out;
        List<ProbeResult> all = new ArrayList<>();
        if (conn != null) {
            TcpConnection c = TcpConnection.parse(conn);
            ProbeResult r = prober.keepalive(c);
            all.add(r);
            if (format == Format.text) ProbeText.keepalive(out, c, r);
        }
        if (target != null) {
            Target t = Target.resolve(target, ipv6);
            boolean nothingAsked = !trace && tcpPorts == null && udpPorts == null && !mtu;
            List<Integer> tcp = tcpPorts == null ? List.of() : PortList.parse(tcpPorts);
            List<Integer> udp = udpPorts == null ? List.of() : PortList.parse(udpPorts);
            if (ping || (nothingAsked && conn == null)) {
                List<ProbeResult> echoes = prober.ping(t, count, (long) (interval * 1e9));
                all.addAll(echoes);
                if (format == Format.text) ProbeText.ping(out, t, echoes);
            }
            if (trace) {
                int tracePort = port > 0 ? port : method == PathTracer.Method.tcp ? 80 : 0;
                ProbeResult r = prober.trace(t, method, tracePort, maxTtl, queries, size);
                all.add(r);
                if (format == Format.text) ProbeText.trace(out, t, r, r.note() != null && r.note().startsWith(Prober.TRACE_FALLBACK_PREFIX) ? PathTracer.Method.udp : method, maxTtl);
            }
            List<ProbeResult> portResults = new ArrayList<>();
            if (!tcp.isEmpty()) portResults.addAll(prober.tcpPorts(t, tcp));
            if (!udp.isEmpty()) portResults.addAll(prober.udpPorts(t, udp));
            all.addAll(portResults);
            if (format == Format.text) ProbeText.ports(out, t, portResults);
            if (mtu) {
                ProbeResult r = prober.mtu(t);
                all.add(r);
                if (format == Format.text) ProbeText.mtu(out, t, r);
            }
        }
        if (format == Format.json) for (ProbeResult r : all) out.println(Json.write(r.toMap()));
        out.flush();
        return 0;
    }
}
