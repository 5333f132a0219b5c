package dev.nettrace.daemon;

import dev.nettrace.cli.UserError;
import dev.nettrace.json.Json;
import dev.nettrace.render.HtmlOutput;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print the stored timeline of PID (the latest process with that pid): its events, then its connections.")
public final class DumpCommand implements Callable<Integer> {
    enum Format { text, json, html }

    @Mixin SocketOption socket;

    @Parameters(paramLabel = "PID", description = "The process.")
    int pid;

    @Option(names = "--since", paramLabel = "T", description = "From T: 2026-11-26T03:12:00Z, 03:12, epoch seconds, or an age such as 15m.")
    String since;

    @Option(names = "--until", paramLabel = "T", description = "Up to T (same forms as --since).")
    String until;

    @Option(names = "--format", paramLabel = "FORMAT", description = "${COMPLETION-CANDIDATES}; json prints the records of 'run --format json', html one self-contained page (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("cmd", "dump");
        req.put("pid", pid);
        Instant now = Instant.now();
        try {
            if (since != null) req.put("since", Quantities.instantNs(since, now));
            if (until != null) req.put("until", Quantities.instantNs(until, now));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        try (PrintStream out = open()) {
            ReplayedTimeline timeline = new ReplayedTimeline();
            PlainTimeline text = format == Format.text ? new PlainTimeline(out) : null;
            Map<String, Object> summary = socket.request(req, line -> {
                Map<String, Object> record = timeline.accept(line);
                if (format == Format.json && !"connection".equals(record.get("type"))) out.println(line);
                else if (text != null && !"connection".equals(record.get("type"))) text.record(record);
            });
            List<String> closing = timeline.closingRecords(pid, (String) summary.get("comm"));
            switch (format) {
                case json -> closing.forEach(out::println);
                case text -> {
                    for (String line : closing) {
                        Map<String, Object> r = Json.parseObject(line);
                        if ("connection".equals(r.get("type"))) text.record(r);
                    }
                    text.finish(summary);
                }
                case html -> {
                    Path page = output != null ? output : Files.createTempFile("nettrace-dump", ".html");
                    HtmlOutput.write(page, timeline.correlator(), timeline.firstTs(), timeline.lastTs());
                    if (output == null) {
                        out.write(Files.readAllBytes(page));
                        Files.delete(page);
                    }
                }
            }
        }
        return 0;
    }

    private PrintStream open() throws IOException {
        if (output == null || format == Format.html) {
            return new PrintStream(new FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8) {
                @Override
                public void close() {
                    flush(); // standard output stays open for the JVM
                }
            };
        }
        return new PrintStream(new FileOutputStream(output.toFile()), false, StandardCharsets.UTF_8);
    }
}
