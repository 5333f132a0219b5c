package dev.nettrace.render;

import dev.nettrace.correlate.Correlator;
import dev.nettrace.json.Json;
import dev.nettrace.model.Event;
import dev.nettrace.procfs.ProcessFacts;
import dev.nettrace.timeline.Connection;
import java.io.PrintStream;
import java.util.Map;

/** NDJSON: the helper's lines unchanged, then one process record per process and one connection record per connection. */
final class JsonOutput implements TraceOutput {
    private final PrintStream out;

    JsonOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public void event(Event e, String line) {
        out.println(line);
    }

    @Override
    public void record(Map<String, Object> record, String line) {
        out.println(line);
    }

    @Override
    public void finish(Correlator correlator) {
        for (ProcessFacts p : correlator.processes()) out.println(Json.write(p.toMap()));
        for (Connection c : correlator.connections()) out.println(Json.write(c.toMap()));
        out.flush();
    }
}
