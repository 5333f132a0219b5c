package dev.nettrace.diagnose;

import dev.nettrace.cli.UserError;
import dev.nettrace.json.Json;
import dev.nettrace.probe.ProbeOptions;
import dev.nettrace.probe.ProbeException;
import dev.nettrace.probe.Prober;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Explain each failed, slow or idle connection of a trace, layer by layer: link, neighbour, route, DNS, transport, path, keepalive.",
                "Probes go only to the peers the traced process contacted, politely (50/s, bounded), from the process's own network namespace."})
public final class DiagnoseCommand implements Callable<Integer> {
    public enum Format { text, json }

    @Parameters(arity = "0..1", paramLabel = "PID", description = "A running process to trace and diagnose (needs the connection timelines; not in this build).")
    Long pid;

    @Option(names = "--from", paramLabel = "FILE",
            description = "An NDJSON trace (nettrace run --format json) holding {\"type\":\"connection\"} records.")
    Path from;

    @Option(names = "--slow", paramLabel = "SECONDS", description = "A connect slower than this is examined too (default: ${DEFAULT-VALUE}).")
    double slow = 1.0;

    @Mixin ProbeOptions probeOptions;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Override
    public Integer call() throws Exception {
        if (slow <= 0 || !probeOptions.valid()) throw new UserError("--slow, --timeout, --rate and --max-probes must be positive", 2);
        if (pid != null && from == null) {
            throw new UserError("diagnose PID needs the connection timelines of issue 4, which this build does not have yet: use --from FILE with connection records");
        }
        if (from == null || pid != null) throw new UserError("give either PID or --from FILE", 2);
        if (!Files.isReadable(from)) throw new UserError("cannot read " + from);
        TraceFile trace;
        try {
            trace = TraceFile.read(from);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        Prober prober = probeOptions.prober();
        List<Finding> findings;
        try {
            findings = new Diagnoser(trace, prober, (long) (slow * 1e9)).run();
        } catch (ProbeException e) {
            throw new UserError(e.getMessage());
        }
        PrintStream out = System.out;
        if (format == Format.json) {
            for (Finding f : findings) out.println(Json.write(f.toMap()));
        } else {
            if (findings.isEmpty()) out.println("nothing to diagnose: no failed, slow or open TCP connection among " + trace.connections().size() + " records");
            for (Finding f : findings) {
                ConnectionRecord c = f.connection();
                out.println(c.remote() + (c.peerName() != null ? " (" + c.peerName() + ")" : "") + " [" + c.who() + "]: " + c.outcome());
                out.println("  " + f.layer + ": " + f.verdict);
                for (String e : f.evidence) out.println("    " + e);
            }
        }
        out.flush();
        return 0;
    }
}
