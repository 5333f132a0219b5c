package dev.nettrace.diagnose;

import dev.nettrace.json.Json;
import dev.nettrace.testkit.NetnsLab;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real program in the lab's client namespace whose connections fail in the ways diagnose must
 * explain. The ptrace helper on main does not yet fold calls into connection records (that is
 * the timelines work), so the program reports what it observed of each connect — descriptor,
 * addresses, errno, latency, the name it resolved, its setsockopt calls — and {@link #ndjson}
 * writes exactly the records and events the tracer would have produced from those calls.
 */
final class FailingProgram implements AutoCloseable {
    /** Arguments: label=host:port[:timeout[:keepidle]]; keepidle 0 = SO_KEEPALIVE without TCP_KEEPIDLE. */
    private static final String PY = String.join("\n",
            "import errno, json, os, socket, sys, time",
            "keep = []",
            "for arg in sys.argv[1:]:",
            "    label, spec = arg.split('=', 1)",
            "    host, rest = (spec[1:].split(']:', 1) if spec.startswith('[') else spec.split(':', 1))",
            "    parts = rest.split(':')",
            "    port, tmo = int(parts[0]), float(parts[1]) if len(parts) > 1 else 2.0",
            "    ka = int(parts[2]) if len(parts) > 2 else None",
            "    fam, _, _, _, addr = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)[0]",
            "    s = socket.socket(fam, socket.SOCK_STREAM)",
            "    if ka is not None:",
            "        s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)",
            "        if ka > 0: s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, ka)",
            "    s.settimeout(tmo)",
            "    t0 = time.time_ns()",
            "    err = None",
            "    try:",
            "        s.connect(addr)",
            "    except socket.timeout:",
            "        err = 'ETIMEDOUT'",
            "    except OSError as e:",
            "        err = errno.errorcode.get(e.errno, str(e.errno))",
            "    dt = time.time_ns() - t0",
            "    local = s.getsockname() if err is None else None",
            "    print(json.dumps({'label': label, 'pid': os.getpid(), 'fd': s.fileno(), 'host': host, 'addr': addr[0], 'port': addr[1],",
            "        'local': local and list(local[:2]), 'errno': err, 'startNs': t0, 'connectNs': dt, 'keepidle': ka}), flush=True)",
            "    if err is None: keep.append(s)",
            "    else: s.close()",
            "print('done', flush=True)",
            "sys.stdin.readline()");

    private static final Map<String, String> OUTCOME = Map.of("ECONNREFUSED", "refused", "ETIMEDOUT", "timeout", "EHOSTUNREACH", "unreachable",
            "ENETUNREACH", "unreachable", "EACCES", "unreachable", "EINVAL", "unreachable", "ECONNRESET", "reset");

    final Process process;
    final List<Map<String, Object>> facts = new ArrayList<>();

    private FailingProgram(Process p) {
        this.process = p;
    }

    static FailingProgram run(NetnsLab lab, String... specs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", PY));
        cmd.addAll(List.of(specs));
        FailingProgram f = new FailingProgram(lab.spawn(NetnsLab.CLIENT, cmd.toArray(String[]::new)));
        BufferedReader out = new BufferedReader(new InputStreamReader(f.process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null && !line.equals("done"); ) f.facts.add(Json.parseObject(line));
        if (f.facts.size() != specs.length) {
            throw new IOException("the program reported " + f.facts.size() + " of " + specs.length + " connections: "
                    + new String(f.process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return f;
    }

    /** Writes the connection records (and setsockopt events) for the observed connects. */
    Path ndjson(long netns, Map<String, String> endedLater) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> f : facts) {
            String addr = (String) f.get("addr");
            String errno = (String) f.get("errno");
            String ended = endedLater.get((String) f.get("label"));
            long start = ((Number) f.get("startNs")).longValue(), took = ((Number) f.get("connectNs")).longValue();
            int fd = ((Number) f.get("fd")).intValue();
            if (f.get("keepidle") instanceof Number idle) {
                b.append(Json.write(setsockopt(f, start, "SOL_SOCKET", "SO_KEEPALIVE", 1))).append('\n');
                if (idle.intValue() > 0) b.append(Json.write(setsockopt(f, start, "IPPROTO_TCP", "TCP_KEEPIDLE", idle.intValue()))).append('\n');
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("type", "connection");
            r.put("pid", f.get("pid"));
            r.put("comm", "python3");
            r.put("fd", fd);
            r.put("netns", netns);
            r.put("proto", addr.contains(":") ? "tcp6" : "tcp");
            List<?> local = (List<?>) f.get("local");
            r.put("local", local == null ? null : endpoint((String) local.get(0), ((Number) local.get(1)).intValue()));
            r.put("remote", endpoint(addr, ((Number) f.get("port")).intValue()));
            r.put("peerName", addr.equals(f.get("host")) ? null : f.get("host"));
            r.put("role", "client");
            r.put("openedNs", start);
            r.put("connectedNs", errno == null ? start + took : null);
            r.put("connectNs", took);
            r.put("outcome", errno != null ? OUTCOME.get(errno) : ended != null ? OUTCOME.get(ended) : "open");
            r.put("errno", errno != null ? errno : ended);
            b.append(Json.write(r)).append('\n');
        }
        Path file = Files.createTempFile("nettrace-diagnose", ".ndjson");
        Files.writeString(file, b);
        return file;
    }

    private static Map<String, Object> setsockopt(Map<String, Object> f, long ts, String level, String name, int value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "event");
        e.put("ts", ts);
        e.put("pid", f.get("pid"));
        e.put("source", "ptrace");
        e.put("op", "setsockopt");
        e.put("syscall", "setsockopt");
        e.put("fd", f.get("fd"));
        e.put("level", level);
        e.put("optname", name);
        e.put("optval", value);
        e.put("ret", 0);
        return e;
    }

    private static String endpoint(String addr, int port) {
        return (addr.contains(":") ? "[" + addr + "]" : addr) + ":" + port;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
