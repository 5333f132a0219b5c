package dev.nettrace.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.Privileges;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `--format text` with -tt and -T, and `--html`, for a program with one refused and one good connection. */
class HumanOutputTest {
    @TempDir Path tmp;

    @Test
    void callsThenProblemsFirstThenConnectionsAndAnHtmlTimeline() throws Exception {
        Privileges.requireRoot("ptrace");
        RealHelper.require();
        int refused;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            refused = s.getLocalPort();
        }
        try (LoopbackServer server = new LoopbackServer("http")) {
            Path text = tmp.resolve("trace.txt"), html = tmp.resolve("timeline.html");
            Cli.Result r = Cli.run(120, "run", "--format", "text", "-tt", "-T", "-o", text.toString(), "--html", html.toString(), "--",
                    PythonProgram.PYTHON, "-c", Scripts.REFUSED_THEN_GET, Integer.toString(server.port), Integer.toString(refused));
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("5000\n", r.stdout(), "the program's own output is untouched");
            List<String> lines = Files.readAllLines(text);
            String all = String.join("\n", lines);

            Pattern call = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{6} python3\\[\\d+] +connect +fd \\d+ -> 127\\.0\\.0\\.1:" + refused
                    + " += -1 ECONNREFUSED +<[0-9.]+(ns|µs|ms)>$");
            assertTrue(lines.stream().anyMatch(l -> call.matcher(l).matches()), "a -tt -T line for the refused connect in:\n" + all);
            assertTrue(lines.stream().anyMatch(l -> l.matches(".*recv/recvfrom +fd \\d+ [0-9.]+K?i?B += \\d+ .*")), all);

            int problems = lines.indexOf("problems (1)"), conns = lines.indexOf("connections (2)"), procs = lines.indexOf("per process");
            assertTrue(problems > 0 && problems < conns && conns < procs, "sections in order:\n" + all);
            assertTrue(lines.get(problems + 1).matches(" +refused +python3\\[\\d+] fd \\d+ tcp 127\\.0\\.0\\.1:" + refused + " .*ECONNREFUSED after .*"), lines.get(problems + 1));
            String good = lines.subList(conns, procs).stream().filter(l -> l.contains("127.0.0.1:" + server.port + " ")).findFirst().orElseThrow();
            assertTrue(good.matches(".*client +[0-9.]+(µs|ms) +\\d+B +4\\.9KiB .* closed$"), good);
            assertTrue(lines.get(procs + 1).matches(" +python3\\[\\d+] +2 connections 1 failed out \\d+B in 4\\.9KiB .*"), lines.get(procs + 1));

            Chromium.require();
            String dom = Chromium.dumpDom(html);
            Matcher bars = Pattern.compile("<rect class=\"bar o-([a-z-]+)\"").matcher(dom);
            StringBuilder outcomes = new StringBuilder();
            while (bars.find()) outcomes.append(bars.group(1)).append(' ');
            assertEquals("refused closed ", outcomes.toString(), "a bar per connection, coloured by outcome");
            assertTrue(dom.contains("class=\"connect-mark\""), "connect latency marks");
        }
    }
}
