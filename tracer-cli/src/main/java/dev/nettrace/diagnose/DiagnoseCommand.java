package dev.nettrace.diagnose;

import dev.nettrace.cli.AttachCommand;
import dev.nettrace.cli.UserError;
import dev.nettrace.json.Json;
import dev.nettrace.os.NetnsException;
import dev.nettrace.probe.ProbeException;
import dev.nettrace.probe.ProbeOptions;
import dev.nettrace.probe.Prober;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Explain each failed, slow or idle connection of a trace, layer by layer: link, neighbour, route, DNS, transport, path, keepalive.",
                "Probes go only to the peers the traced process contacted, politely (50/s, bounded), from the process's own network namespace."})
public final class DiagnoseCommand implements Callable<Integer> {
    public enum Format { text, json }

    @Parameters(arity = "0..1", paramLabel = "PID", description = "A running process: trace it for --duration (its existing connections and new ones), then diagnose.")
    Long pid;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "With PID: how long to trace before diagnosing (default: ${DEFAULT-VALUE}).")
    double duration = 10;

    @Option(names = "--from", paramLabel = "FILE",
            description = "An NDJSON trace (nettrace run --format json) holding {\"type\":\"connection\"} records.")
    Path from;

    @Option(names = "--slow", paramLabel = "SECONDS", description = "A connect slower than this is examined too (default: ${DEFAULT-VALUE}).")
    double slow = 1.0;

    @Mixin ProbeOptions probeOptions;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    /**
     * Traces the process with `nettrace attach` for the duration into a temporary NDJSON file: the
     * attach snapshot gives its existing connections, the trace the ones it makes meanwhile.
     */
    private Path record(long process) throws IOException {
        if (!(duration > 0)) throw new UserError("--duration must be positive", 2);
        Path file = Files.createTempFile("nettrace-diagnose", ".ndjson");
        file.toFile().deleteOnExit();
        CommandLine attach = new CommandLine(new AttachCommand());
        attach.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            throw new UserError("cannot trace process " + process + ": " + ex.getMessage());
        });
        int rc = attach.execute("--format", "json", "-o", file.toString(), "--duration", Double.toString(duration), Long.toString(process));
        if (rc != 0) throw new UserError("cannot trace process " + process + " (attach exited with " + rc + ")");
        return file;
    }

    @Override
    public Integer call() throws Exception {
        if (slow <= 0 || !probeOptions.valid()) throw new UserError("--slow, --timeout, --rate and --max-probes must be positive", 2);
        if ((from == null) == (pid == null)) throw new UserError("give either PID or --from FILE", 2);
        if (pid != null) from = record(pid);
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
        } catch (ProbeException | NetnsException e) {
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
