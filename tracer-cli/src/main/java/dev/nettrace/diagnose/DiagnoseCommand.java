package dev.nettrace.diagnose;

import dev.nettrace.cli.UserError;
import dev.nettrace.json.Json;
import dev.nettrace.probe.Pacer;
import dev.nettrace.probe.ProbeException;
import dev.nettrace.probe.Prober;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Explain each failed, slow or idle connection of a trace, layer by layer: link, neighbour, route, DNS, transport, path, keepalive.",
                "Probes go only to the peers the traced process contacted, politely (50/s, bounded), from the process's own network namespace."})
public final class DiagnoseCommand implements Callable<Integer> {
    public enum Format { text, json }

    @Option(names = "--from", paramLabel = "FILE", required = true,
            description = "An NDJSON trace (nettrace run --format json) holding {\"type\":\"connection\"} records.")
    Path from;

    @Option(names = "--slow", paramLabel = "SECONDS", description = "A connect slower than this is examined too (default: ${DEFAULT-VALUE}).")
    double slow = 1.0;

    @Option(names = {"-w", "--timeout"}, paramLabel = "SECONDS", description = "How long to wait for each probe's answer (default: ${DEFAULT-VALUE}).")
    double timeout = 1.0;

    @Option(names = "--rate", paramLabel = "N", description = "At most N probes per second (default: ${DEFAULT-VALUE}).")
    int rate = Pacer.DEFAULT_RATE;

    @Option(names = "--max-probes", paramLabel = "N", description = "At most N probes in this run (default: ${DEFAULT-VALUE}).")
    int maxProbes = Pacer.DEFAULT_BUDGET;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Override
    public Integer call() throws Exception {
        if (slow <= 0 || timeout <= 0 || rate <= 0 || maxProbes <= 0) throw new UserError("--slow, --timeout, --rate and --max-probes must be positive", 2);
        if (!Files.isReadable(from)) throw new UserError("cannot read " + from);
        TraceFile trace;
        try {
            trace = TraceFile.read(from);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        Prober prober = new Prober(new Pacer(rate, maxProbes), (long) (timeout * 1e9));
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
