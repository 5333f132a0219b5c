package dev.nettrace.agent;

import static dev.nettrace.agent.AgentTestKit.field;
import static dev.nettrace.agent.AgentTestKit.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.agent.programs.HttpTimeline;
import dev.nettrace.correlate.Correlator;
import dev.nettrace.correlate.KernelAccess;
import dev.nettrace.model.Event;
import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.Privileges;
import dev.nettrace.timeline.Connection;
import dev.nettrace.timeline.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent events folded into connections by the same correlator and renderers as ptrace events:
 * a JVM (default JDK) posts with HttpClient to its own HttpServer on 127.0.0.1 by a name from a
 * test-written hosts file, then connects to a closed port; the connection records, the text
 * summary and the HTML timeline are checked against what the program reports.
 */
class AgentTimelineTest {
    @TempDir Path tmp;

    /** The program's "name key=value..." facts by name, after a traced run with {@code options}. */
    private Map<String, Map<String, String>> traced(String... options) throws Exception {
        Path hosts = tmp.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 " + HttpTimeline.HOST + "\n");
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(options));
        args.addAll(List.of("--", AgentTestKit.java("17").toString(), "-Djdk.net.hosts.file=" + hosts,
                "-cp", AgentTestKit.programClasses().toString(), HttpTimeline.class.getName()));
        Cli.Result r = Cli.run(AgentTestKit.nettrace(args.toArray(String[]::new)), 120);
        assertEquals(0, r.exitCode(), "traced program failed:\n" + r.stdout() + r.stderr());
        Map<String, Map<String, String>> facts = AgentTestKit.facts(r.stdout());
        assertTrue(facts.containsKey("done"), "the program did not finish:\n" + r.stdout() + r.stderr());
        assertEquals("200", facts.get("http").get("status"));
        assertEquals(Integer.toString(HttpTimeline.RESPONSE_BODY), facts.get("http").get("body"));
        assertEquals(Integer.toString(HttpTimeline.REQUEST_BODY), facts.get("served").get("requestBody"));
        assertEquals("java.net.ConnectException", facts.get("refused").get("outcome"));
        return facts;
    }

    @Test
    void jsonEndsWithOneConnectionRecordPerConnection() throws Exception {
        Path trace = tmp.resolve("trace.json");
        Map<String, Map<String, String>> facts = traced("--format", "json", "-o", trace.toString());
        String server = "127.0.0.1:" + facts.get("http").get("port"), closedPort = "127.0.0.1:" + facts.get("refused").get("port");
        List<Map<String, Object>> records = AgentTestKit.records(trace);
        List<Map<String, Object>> conns = records.stream().filter(field("type", "connection")).toList();
        int firstConnection = records.indexOf(conns.get(0));
        assertTrue(records.subList(firstConnection, records.size()).stream().allMatch(field("type", "connection")),
                "the connection records end the trace");
        Object pid = only(records, field("type", "process"), "process record").get("pid");
        assertTrue(conns.stream().allMatch(field("pid", pid).and(field("source", "agent"))), "every connection is the JVM's, from the agent: " + conns);
        // the HttpServer's listener, its accepted connection, the client, the refused connect and the listener that freed its port
        assertEquals(5, conns.size(), "connections: " + conns);

        Map<String, Object> listener = only(conns, field("role", "listener").and(field("local", server)), "HttpServer's listener");
        assertEquals("main", listener.get("thread"));
        assertEquals("closed", listener.get("outcome"));

        Map<String, Object> client = only(conns, field("role", "client").and(field("remote", server)), "HttpClient's connection");
        assertEquals("tcp", client.get("proto"));
        assertEquals(HttpTimeline.HOST, client.get("peerName"));
        assertEquals("timeline-caller", client.get("thread"), "the thread that opened it");
        assertTrue(((Number) client.get("connectNs")).longValue() > 0, "connect latency: " + client);
        assertEquals("closed-by-peer", client.get("outcome"), "the server closes first (Connection: close)");
        assertTrue(((Number) client.get("peerClosedNs")).longValue() <= ((Number) client.get("closedNs")).longValue());
        assertNull(client.get("errno"));
        assertTrue(((String) client.get("local")).startsWith("127.0.0.1:"));

        Map<String, Object> accepted = only(conns, field("role", "server").and(field("local", server)).and(field("remote", client.get("local"))),
                "HttpServer's side of the same connection");
        assertEquals("HTTP-Dispatcher", accepted.get("thread"));
        assertEquals("closed", accepted.get("outcome"));
        long out = ((Number) client.get("bytesOut")).longValue(), in = ((Number) client.get("bytesIn")).longValue();
        assertEquals(out, ((Number) accepted.get("bytesIn")).longValue(), "what the client sent is what the server received");
        assertEquals(in, ((Number) accepted.get("bytesOut")).longValue(), "what the server sent is what the client received");
        assertTrue(out > HttpTimeline.REQUEST_BODY && out < HttpTimeline.REQUEST_BODY + 1000, "request body plus its head: " + out);
        assertTrue(in > HttpTimeline.RESPONSE_BODY && in < HttpTimeline.RESPONSE_BODY + 1000, "response body plus its head: " + in);
        if (Privileges.isRoot()) {
            // the kernel's own count at the socket's end, from the destroy notification: SYN and FIN take one sequence number each
            @SuppressWarnings("unchecked") Map<String, Object> kernel = (Map<String, Object>) client.get("kernel");
            long acked = ((Number) kernel.get("bytesAcked")).longValue(), received = ((Number) kernel.get("bytesReceived")).longValue();
            assertTrue(acked >= out && acked <= out + 2, "kernel acked " + acked + ", calls sent " + out);
            assertTrue(received >= in && received <= in + 1, "kernel received " + received + ", calls received " + in);
        }

        // HttpClient may close on the complete body (or exit) before reading the server's FIN: folded
        // without that last read, the server's earlier close still makes it closed by the peer
        Correlator replay = new Correlator(new KernelAccess(false));
        for (Map<String, Object> e : records.stream().filter(field("type", "event")).toList()) {
            boolean clientEof = "recv".equals(e.get("op")) && client.get("fd").equals(e.get("fd")) && Long.valueOf(0).equals(e.get("bytes"));
            if (!clientEof) replay.accept(Event.fromMap(e));
        }
        // HttpClient keeps its end until the JVM exits, or closes it itself
        replay.exited(((Number) pid).intValue(), ((Number) client.get("closedNs")).longValue());
        Connection refolded = replay.connections().stream().filter(c -> "client".equals(c.role) && server.equals(c.remote)).findFirst().orElseThrow();
        assertEquals(Outcome.CLOSED_BY_PEER, refolded.outcomeNow());

        Map<String, Object> refused = only(conns, field("remote", closedPort).and(field("role", "client")), "the refused connect");
        assertEquals("refused", refused.get("outcome"));
        assertEquals("ECONNREFUSED", refused.get("errno"));
        assertEquals("timeline-caller", refused.get("thread"));
        assertTrue(((Number) refused.get("connectNs")).longValue() > 0);
        assertEquals(0L, ((Number) refused.get("bytesOut")).longValue() + ((Number) refused.get("bytesIn")).longValue());
        only(conns, field("role", "listener").and(field("local", closedPort)), "the listener that freed the refused port");
    }

    @Test
    void textSummaryFollowsTheCallsAndHtmlShowsTheJvm() throws Exception {
        Path out = tmp.resolve("trace.txt"), html = tmp.resolve("timeline.html");
        Map<String, Map<String, String>> facts = traced("--format", "text", "-o", out.toString(), "--html", html.toString());
        String server = "127.0.0.1:" + facts.get("http").get("port"), closedPort = "127.0.0.1:" + facts.get("refused").get("port");
        List<String> lines = Files.readAllLines(out);
        int lastCall = -1, problems = lines.indexOf("problems (1)"), connections = lines.indexOf("connections (5)"), perProcess = lines.indexOf("per process");
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains("[pid ")) lastCall = i;
        assertTrue(lastCall >= 0 && lastCall < problems && problems < connections && connections < perProcess,
                "calls, then problems, connections and totals:\n" + String.join("\n", lines));
        String problem = lines.get(problems + 1);
        assertTrue(problem.contains("refused") && problem.contains(closedPort) && problem.contains("ECONNREFUSED"), problem);
        assertTrue(lines.subList(connections, perProcess).stream()
                .anyMatch(l -> l.contains(server + " (" + HttpTimeline.HOST + ") client") && l.contains("closed-by-peer")), String.join("\n", lines));
        assertTrue(lines.get(perProcess + 1).matches("\\s*java\\[\\d+\\]\\s+5 connections 1 failed .*"), lines.get(perProcess + 1));

        String page = Files.readString(html);
        assertTrue(page.contains("\"thread\":\"timeline-caller\"") && page.contains("\"remote\":\"" + server + "\""), "timeline data in " + html);
        assertTrue(page.contains("\"name\":\"" + HttpTimeline.HOST + "\""), "the DNS mark");
    }
}
