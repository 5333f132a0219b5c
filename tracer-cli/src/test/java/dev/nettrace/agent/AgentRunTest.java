package dev.nettrace.agent;

import static dev.nettrace.agent.AgentTestKit.call;
import static dev.nettrace.agent.AgentTestKit.events;
import static dev.nettrace.agent.AgentTestKit.field;
import static dev.nettrace.agent.AgentTestKit.lifeOf;
import static dev.nettrace.agent.AgentTestKit.only;
import static dev.nettrace.agent.AgentTestKit.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.agent.programs.NetScenarios;
import dev.nettrace.testkit.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `nettrace run --format json --stack -- java ... NetScenarios` on each JDK: one traced run per
 * JDK, then one test per scenario checking the exact calls against what the program reports.
 */
class AgentRunTest {
    @TempDir static Path tmp;

    record Trace(List<Map<String, Object>> events, Map<String, Map<String, String>> facts, String stderr) {}

    private static final Map<String, Trace> TRACES = new ConcurrentHashMap<>();

    static synchronized Trace trace(String jdk) {
        return TRACES.computeIfAbsent(jdk, j -> {
            try {
                Path hosts = tmp.resolve("hosts");
                Files.writeString(hosts, "127.0.0.7 nettrace-test.example\n");
                Path out = tmp.resolve("trace-" + j + ".json");
                Cli.Result r = Cli.run(AgentTestKit.nettrace("run", "--format", "json", "--stack", "-o", out.toString(), "--",
                        AgentTestKit.java(j).toString(), "-Djdk.net.hosts.file=" + hosts, "-cp", AgentTestKit.programClasses().toString(),
                        NetScenarios.class.getName()), 120);
                assertEquals(0, r.exitCode(), "traced program failed:\n" + r.stdout() + r.stderr());
                Map<String, Map<String, String>> facts = AgentTestKit.facts(r.stdout());
                assertTrue(facts.containsKey("done"), "the program did not finish:\n" + r.stdout() + r.stderr());
                List<Map<String, Object>> records = AgentTestKit.records(out);
                List<Map<String, Object>> calls = records.stream().filter(rec -> !List.of("process", "connection").contains(rec.get("type"))).toList();
                assertEquals("exit", calls.get(calls.size() - 1).get("type"), "the exit follows the last call (then come the connection records)");
                return new Trace(events(records), facts, r.stderr());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static String lo(Object port) {
        return "127.0.0.1:" + port;
    }

    @ParameterizedTest @MethodSource("dev.nettrace.agent.AgentTestKit#jdks")
    void blockingConnectAndAccept(String jdk) {
        Trace t = trace(jdk);
        Map<String, String> f = t.facts().get("blocking");
        String server = lo(f.get("port")), client = lo(f.get("localPort"));
        Map<String, Object> bind = only(t.events(), op("bind").and(field("local", server)), "bind of the listener");
        assertEquals(List.of("bind local=" + server + " ret=0", "listen backlog=50 ret=0",
                "accept local=" + server + " remote=" + client + " ret=" + only(t.events(), op("accept").and(field("remote", client)), "accept").get("newFd"),
                "close ret=0"), lifeOf(t.events(), bind));
        Map<String, Object> connect = only(t.events(), op("connect").and(field("remote", server)), "connect");
        assertEquals(List.of("connect local=" + client + " remote=" + server + " ret=0", "send bytes=5 ret=5", "recv bytes=5 ret=5", "close ret=0"),
                lifeOf(t.events(), connect));
        assertEquals("main", connect.get("thread"));
        Map<String, Object> accept = only(t.events(), op("accept").and(field("remote", client)), "accept");
        assertEquals("echo-server", accept.get("thread"));
        Map<String, Object> accepted = t.events().stream().filter(e -> accept.get("newFd").equals(e.get("fd")) && "recv".equals(e.get("op"))
                && t.events().indexOf(e) > t.events().indexOf(accept)).findFirst().orElseThrow();
        assertEquals(List.of("recv bytes=5 ret=5", "send bytes=5 ret=5", "close ret=0"), lifeOf(t.events(), accepted));
        assertTrue(((Number) connect.get("tid")).intValue() > 0, "platform threads carry their kernel tid");
        assertEquals(Boolean.TRUE.equals(connect.get("virtual")), false);
    }

    @ParameterizedTest @MethodSource("dev.nettrace.agent.AgentTestKit#jdks")
    void refusedConnect(String jdk) {
        Trace t = trace(jdk);
        String target = lo(t.facts().get("refused").get("port"));
        assertEquals("java.net.ConnectException", t.facts().get("refused").get("outcome"));
        Map<String, Object> connect = only(t.events(), op("connect").and(field("remote", target)), "refused connect");
        assertEquals(List.of("connect remote=" + target + " ret=-1 errno=ECONNREFUSED", "close ret=0"), lifeOf(t.events(), connect));
        assertTrue(((String) connect.get("exception")).startsWith("java.net.ConnectException: Connection refused"), connect.toString());
    }

    @ParameterizedTest @MethodSource("dev.nettrace.agent.AgentTestKit#jdks")
    void connectTimeout(String jdk) {
        Trace t = trace(jdk);
        Map<String, String> f = t.facts().get("timeout");
        String target = lo(f.get("port"));
        List<Map<String, Object>> connects = t.events().stream().filter(op("connect").and(field("remote", target))).toList();
        assertEquals(Integer.parseInt(f.get("queued")) + 1, connects.size(), connects.toString());
        for (Map<String, Object> queued : connects.subList(0, connects.size() - 1)) assertEquals(0L, ((Number) queued.get("ret")).longValue());
        Map<String, Object> timedOut = connects.get(connects.size() - 1);
        assertEquals(List.of("connect remote=" + target + " ret=-1 errno=ETIMEDOUT", "close ret=0"), lifeOf(t.events(), timedOut));
        assertTrue(((String) timedOut.get("exception")).startsWith("java.net.SocketTimeoutException"), timedOut.toString());
        assertTrue(((Number) timedOut.get("durNs")).longValue() >= 250_000_000L, "waited for the 300 ms timeout: " + timedOut);
    }

    @ParameterizedTest @MethodSource("dev.nettrace.agent.AgentTestKit#jdks")
    void nonBlockingConnectWithSelector(String jdk) {
        Trace t = trace(jdk);
        Map<String, String> f = t.facts().get("nio");
        String server = lo(f.get("port"));
        List<Map<String, Object>> connects = t.events().stream().filter(op("connect").and(field("remote", server))).toList();
        Map<String, Object> first = connects.get(0);
        String local = (String) connects.get(connects.size() - 1).get("local");
        List<String> expected = Boolean.parseBoolean(f.get("immediate"))
                ? List.of("connect local=" + local + " remote=" + server + " ret=0", "send bytes=3 ret=3", "close ret=0")
                : List.of("connect local=" + local + " remote=" + server + " ret=-1 errno=EINPROGRESS",
                          "connect local=" + local + " remote=" + server + " ret=0", "send bytes=3 ret=3", "close ret=0");
        assertEquals(expected, lifeOf(t.events(), first));
        Map<String, Object> accept = only(t.events(), op("accept").and(field("remote", local)), "accept of the NIO client");
        assertEquals(server, accept.get("local"));
    }

    @ParameterizedTest @MethodSource("dev.nettrace.agent.AgentTestKit#jdks")
    void udpSendAndReceive(String jdk) {
        Trace t = trace(jdk);
        Map<String, String> f = t.facts().get("udp");
        String server = lo(f.get("server")), client = lo(f.get("client"));
        Map<String, Object> serverBind = only(t.events(), op("bind").and(field("local", server)), "server bind");
        Map<String, Object> clientBind = only(t.events(), op("bind").and(field("local", client)), "client bind");
        assertEquals(List.of("bind local=" + server + " ret=0", "setsockopt ret=0", "recv remote=" + client + " bytes=4 ret=4",
                "send remote=" + client + " bytes=5 ret=5", "close ret=0"), lifeOf(t.events(), serverBind));
        assertEquals(List.of("bind local=" + client + " ret=0", "setsockopt ret=0", "send remote=" + server + " bytes=4 ret=4",
                "recv remote=" + server + " bytes=5 ret=5", "close ret=0"), lifeOf(t.events(), clientBind));
        Map<String, Object> send = only(t.events(), op("send").and(field("remote", server)), "datagram to the server");
        assertEquals("SOCK_DGRAM", send.get("sockType"));
        assertEquals("IPPROTO_UDP", send.get("protocol"));
    }

    @ParameterizedTest @MethodSource("dev.nettrace.agent.AgentTestKit#jdks")
    void connectedUdp(String jdk) {
        Trace t = trace(jdk);
        Map<String, String> f = t.facts().get("cudp");
        String server = lo(f.get("server")), client = lo(f.get("client"));
        Map<String, Object> connect = only(t.events(), op("connect").and(field("remote", server)), "UDP connect");
        assertEquals("SOCK_DGRAM", connect.get("sockType"));
        // DatagramChannel.connect drains what queued up before it with a non-blocking receive.
        assertEquals(List.of("connect local=" + client + " remote=" + server + " ret=0", "recv ret=-1 errno=EAGAIN", "send bytes=6 ret=6",
                "recv bytes=2 ret=2", "close ret=0"), lifeOf(t.events(), connect));
        Map<String, Object> serverBind = only(t.events(), op("bind").and(field("local", server)), "server bind");
        assertEquals(List.of("bind local=" + server + " ret=0", "recv remote=" + client + " bytes=6 ret=6",
                "send remote=" + client + " bytes=2 ret=2", "close ret=0"), lifeOf(t.events(), serverBind));
    }

    @ParameterizedTest @MethodSource("dev.nettrace.agent.AgentTestKit#jdks")
    void dnsFromHostsFile(String jdk) {
        Trace t = trace(jdk);
        assertEquals("127.0.0.7", t.facts().get("dns").get("found"));
        Map<String, Object> found = only(t.events(), op("dns").and(field("host", "nettrace-test.example")), "lookup");
        assertEquals(List.of("127.0.0.7"), found.get("answers"));
        assertEquals(0L, ((Number) found.get("ret")).longValue());
        Map<String, Object> missing = only(t.events(), op("dns").and(field("host", "nettrace-missing.example")), "failed lookup");
        assertEquals(-1L, ((Number) missing.get("ret")).longValue());
        assertFalse(missing.containsKey("answers"));
        assertTrue(((String) missing.get("exception")).startsWith("java.net.UnknownHostException"), missing.toString());
        assertTrue(stack(found).stream().anyMatch(s -> s.startsWith(NetScenarios.class.getName() + ".dns(")), stack(found).toString());
        assertTrue(t.events().stream().filter(op("dns")).noneMatch(e -> ((String) e.get("host")).matches("[0-9.]+")),
                "literal addresses are parsed, not looked up: no dns event for them");
    }

    @ParameterizedTest @MethodSource("dev.nettrace.agent.AgentTestKit#jdks")
    void httpClientAgainstLocalServer(String jdk) {
        Trace t = trace(jdk);
        Map<String, String> f = t.facts().get("http");
        assertEquals("200", f.get("status"));
        String server = lo(f.get("port"));
        List<Map<String, Object>> connects = t.events().stream().filter(op("connect").and(field("remote", server))).toList();
        Map<String, Object> done = connects.get(connects.size() - 1);
        assertEquals(0L, ((Number) done.get("ret")).longValue(), connects.toString());
        List<String> life = lifeOf(t.events(), connects.get(0));
        assertTrue(life.stream().anyMatch(c -> c.matches("send bytes=\\d+ ret=\\d+")), life.toString());
        assertTrue(life.stream().anyMatch(c -> c.matches("recv bytes=[1-9]\\d* ret=\\d+")), life.toString());
        Map<String, Object> accept = only(t.events(), op("accept").and(field("remote", done.get("local"))), "server side accept");
        assertEquals(server, accept.get("local"));
        assertTrue(t.events().stream().anyMatch(e -> ((String) e.get("thread")).startsWith("HttpClient-")), "the client's own threads are named");
    }

    @ParameterizedTest @MethodSource("dev.nettrace.agent.AgentTestKit#jdks")
    void stacksPointAtTheCaller(String jdk) {
        Trace t = trace(jdk);
        String server = lo(t.facts().get("blocking").get("port"));
        Map<String, Object> connect = only(t.events(), op("connect").and(field("remote", server)), "connect");
        List<String> stack = stack(connect);
        assertTrue(stack.stream().anyMatch(s -> s.startsWith(NetScenarios.class.getName() + ".blockingConnect(")), stack.toString());
        assertTrue(stack.stream().noneMatch(s -> s.contains("dev.nettrace.agent.boot") || s.contains("dev.nettrace.agent.core")), stack.toString());
        assertTrue(t.events().stream().filter(op("send")).noneMatch(e -> e.containsKey("stack")), "only connect, accept, bind and dns carry stacks");
    }

    @ParameterizedTest @MethodSource("dev.nettrace.agent.AgentTestKit#jdks")
    void virtualThreadsAreFlagged(String jdk) {
        Trace t = trace(jdk);
        if (jdk.equals("17")) {
            assertTrue(t.events().stream().noneMatch(e -> Boolean.TRUE.equals(e.get("virtual"))));
            return;
        }
        String server = lo(t.facts().get("virtual").get("port"));
        Map<String, Object> connect = only(t.events(), op("connect").and(field("remote", server)), "virtual thread's connect");
        assertEquals(Boolean.TRUE, connect.get("virtual"));
        assertEquals("vt-client", connect.get("thread"));
        assertEquals(List.of("connect local=" + connect.get("local") + " remote=" + server + " ret=0", "send bytes=1 ret=1", "close ret=0"),
                lifeOf(t.events(), connect));
    }

    @ParameterizedTest @MethodSource("dev.nettrace.agent.AgentTestKit#jdks")
    void theApplicationSeesNothingOfTheAgent(String jdk) {
        Trace t = trace(jdk);
        assertFalse(t.stderr().contains("WARNING"), t.stderr());
        assertFalse(t.stderr().contains("Sharing is only supported"), t.stderr());
        assertFalse(t.stderr().contains("nettrace agent"), t.stderr());
    }

    @org.junit.jupiter.api.Test
    void aWrapperScriptThatExecsJavaIsTracedThroughJavaToolOptions() throws Exception {
        Path script = tmp.resolve("wrapper.sh");
        Files.writeString(script, "#!/bin/sh\nexec \"$JAVA\" -cp \"$CP\" " + NetScenarios.class.getName() + "\n");
        script.toFile().setExecutable(true);
        Path hosts = tmp.resolve("hosts-wrapper");
        Files.writeString(hosts, "127.0.0.7 nettrace-test.example\n");
        Path out = tmp.resolve("wrapper.json");
        ProcessBuilder pb = AgentTestKit.nettrace("run", "--via", "agent", "--format", "json", "-o", out.toString(), "--", script.toString());
        pb.environment().put("JAVA", AgentTestKit.java("17").toString());
        pb.environment().put("CP", AgentTestKit.programClasses().toString());
        pb.environment().put("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts);
        Cli.Result r = Cli.run(pb, 120);
        assertEquals(0, r.exitCode(), r.stderr());
        List<Map<String, Object>> events = events(AgentTestKit.records(out));
        assertTrue(events.stream().anyMatch(op("dns").and(field("host", "nettrace-test.example"))), "the user's JAVA_TOOL_OPTIONS still apply");
        assertTrue(events.stream().allMatch(field("source", "agent")));
        assertTrue(events.stream().filter(op("connect")).count() >= 5, events.toString());
    }

    @SuppressWarnings("unchecked")
    private static List<String> stack(Map<String, Object> e) {
        return (List<String>) e.getOrDefault("stack", List.of());
    }

    static String describe(Map<String, Object> e) {
        return call(e);
    }
}
