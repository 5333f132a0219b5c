package dev.nettrace.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nettrace.json.Json;
import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.NetnsLab;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs `nettrace probe` from inside the lab's client namespace, as a user there would. */
final class LabProbes {
    private LabProbes() {}

    static Cli.Result run(NetnsLab lab, String... args) throws Exception {
        return run(lab, List.of(), args);
    }

    /** wrapper: a command placed before java inside the namespace (for example setpriv to drop privileges). */
    static Cli.Result run(NetnsLab lab, List<String> wrapper, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(Cli.command(args));
        ProcessBuilder pb = new ProcessBuilder(lab.inNs(NetnsLab.CLIENT, cmd.toArray(String[]::new)));
        pb.environment().put("NETTRACE_PTRACE", Cli.helperBinary().toString());
        return Cli.run(pb, 60);
    }

    /** The JSON results of a successful run, one map per line. */
    static List<Map<String, Object>> json(NetnsLab lab, String... args) throws Exception {
        return json(lab, List.of(), args);
    }

    static List<Map<String, Object>> json(NetnsLab lab, List<String> wrapper, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--format");
        a.add("json");
        Cli.Result r = run(lab, wrapper, a.toArray(String[]::new));
        assertEquals(0, r.exitCode(), () -> "exit " + r.exitCode() + "\nstdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) if (!line.isBlank()) out.add(Json.parseObject(line));
        return out;
    }

    static Map<String, Object> byProbe(List<Map<String, Object>> results, String probe) {
        return results.stream().filter(m -> probe.equals(m.get("probe"))).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + probe + " in " + results));
    }
}
