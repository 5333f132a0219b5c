package dev.nettrace.render;

import dev.nettrace.correlate.Correlator;
import dev.nettrace.correlate.DnsMark;
import dev.nettrace.json.Json;
import dev.nettrace.model.Event;
import dev.nettrace.procfs.ProcessFacts;
import dev.nettrace.timeline.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML file (inline script and style, no network assets): a lane per
 * process and thread, a bar per connection coloured by outcome, connect-latency and DNS marks,
 * details on hover, zoom and pan.
 */
public final class HtmlOutput implements TraceOutput {
    private static final String TEMPLATE = "timeline.html";
    private final Path file;
    private long firstTs = -1, lastTs;

    HtmlOutput(Path file) {
        this.file = file;
    }

    @Override
    public void event(Event e, String line) {
        if (firstTs < 0) firstTs = e.ts;
        lastTs = Math.max(lastTs, e.ts + (e.durNs == null ? 0 : e.durNs));
    }

    @Override
    public void record(Map<String, Object> record, String line) {
        if (record.get("ts") instanceof Number n) lastTs = Math.max(lastTs, n.longValue());
    }

    @Override
    public void finish(Correlator correlator) throws IOException {
        write(file, correlator, firstTs, lastTs);
    }

    /** Writes the timeline of what {@code correlator} holds; times of 0 mean "now". */
    public static void write(Path file, Correlator correlator, long startNs, long endNs) throws IOException {
        Files.writeString(file, render(correlator.connections(), correlator.dnsMarks(), correlator.processes(), startNs, endNs));
    }

    static String render(List<Connection> connections, List<DnsMark> dns, List<ProcessFacts> processes, long startNs, long endNs) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        long now = System.currentTimeMillis() * 1_000_000L;
        data.put("startNs", startNs > 0 ? startNs : now);
        data.put("endNs", endNs > 0 ? endNs : now);
        List<Object> conns = new ArrayList<>();
        for (Connection c : connections) conns.add(c.toMap());
        data.put("connections", conns);
        List<Object> marks = new ArrayList<>();
        for (DnsMark d : dns) marks.add(Map.of("pid", d.pid(), "tid", d.tid(), "ts", d.ts(), "name", d.name(), "answers", d.answers()));
        data.put("dns", marks);
        List<Object> procs = new ArrayList<>();
        for (ProcessFacts p : processes) procs.add(p.toMap());
        data.put("processes", procs);
        // "</" inside a script element would end it early; JSON allows escaping the slash
        String json = Json.write(data).replace("</", "<\\/");
        return template().replace("/*DATA*/", json);
    }

    private static String template() throws IOException {
        try (InputStream in = HtmlOutput.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) throw new IOException("missing resource " + TEMPLATE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
