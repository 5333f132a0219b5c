package dev.nettrace.diagnose;

import static dev.nettrace.testkit.NetnsLab.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.json.Json;
import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.NetnsLab;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `nettrace diagnose` on connections a real program in the lab's client namespace made and lost, one layer each. */
class DiagnoseTest {
    static NetnsLab lab;
    static long clientNetns;

    @BeforeAll
    static void lab() throws Exception {
        lab = NetnsLab.forTest("python3");
        clientNetns = ((Number) Files.getAttribute(lab.nsPath(CLIENT), "unix:ino")).longValue();
    }


    /** Runs diagnose in the client namespace, or (inClient false) from ours, where it must find the namespace itself. */
    static List<Map<String, Object>> diagnose(boolean inClient, Path ndjson, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("diagnose", "--from", ndjson.toString(), "--format", "json", "-w", "0.5"));
        args.addAll(List.of(extra));
        List<String> cmd = Cli.command(args.toArray(String[]::new));
        ProcessBuilder pb = new ProcessBuilder(inClient ? lab.inNs(CLIENT, cmd.toArray(String[]::new)) : cmd);
        Cli.Result r = Cli.run(pb, 120);
        assertEquals(0, r.exitCode(), () -> r.stdout() + r.stderr());
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) if (!line.isBlank()) out.add(Json.parseObject(line));
        return out;
    }

    static Map<String, Object> finding(List<Map<String, Object>> all, Predicate<Map<String, Object>> which, String what) {
        return all.stream().filter(which).findFirst().orElseThrow(() -> new AssertionError("no finding for " + what + " in " + all));
    }

    static Map<String, Object> forRemote(List<Map<String, Object>> all, String remote) {
        return finding(all, m -> remote.equals(m.get("remote")) && m.get("peerName") == null, remote);
    }

    static void assertFinding(Map<String, Object> f, String layer, String... verdictParts) {
        assertEquals(layer, f.get("layer"), () -> "layer of " + f);
        for (String part : verdictParts) assertTrue(((String) f.get("verdict")).contains(part), () -> "verdict lacks '" + part + "': " + f);
        assertTrue(!((List<?>) f.get("evidence")).isEmpty(), () -> "no evidence: " + f);
    }

    @Test
    void eachFailureStopsAtItsLayer() throws Exception {
        try (FailingProgram p = FailingProgram.run(lab, "refused=" + SERVER_V4 + ":" + TCP_CLOSED, "dropped=" + SERVER_V4 + ":" + TCP_DROP + ":1.5",
                "admin=" + SERVER_V4 + ":" + TCP_ADMIN, "rejected=" + SERVER_V4 + ":" + TCP_PORT_UNREACH, "refused6=[" + SERVER_V6 + "]:" + TCP_CLOSED,
                "hostunreach=" + HOST_UNREACH_V4 + ":80", "netunreach=" + NET_UNREACH_V4 + ":80", "silent=" + SILENT_V4 + ":80:1.5",
                "noroute=" + LOCAL_UNREACHABLE_V4 + ":80", "prohibit=" + LOCAL_PROHIBIT_V4 + ":80", "blackhole=" + LOCAL_BLACKHOLE_V4 + ":80",
                "nocarrier=" + NO_CARRIER_V4 + ":80:1.5", "noneighbour=" + NO_NEIGHBOUR_V4 + ":80:1.5", "stale=" + STALE_NAME + ":80:1.5",
                "idle=" + SERVER_V4 + ":" + TCP_OPEN, "keepalive60=" + SERVER_V4 + ":" + TCP_OPEN + ":2:60", "keepalivedefault=" + SERVER_V4 + ":" + TCP_OPEN + ":2:0")) {
            assertEquals("ECONNREFUSED", p.facts.get(3).get("errno"), "the kernel turns ICMP port-unreachable into a refusal");
            // From our own namespace: diagnose must find the client's by the records' netns inode.
            List<Map<String, Object>> all = diagnose(false, p.ndjson(clientNetns, Map.of()));
            assertEquals(17, all.size(), all::toString);
            String s = SERVER_V4;
            assertFinding(forRemote(all, s + ":" + TCP_CLOSED), "transport", "port " + TCP_CLOSED + " on " + s + " is closed", "RST");
            assertFinding(forRemote(all, "[" + SERVER_V6 + "]:" + TCP_CLOSED), "transport", "port " + TCP_CLOSED + " on " + SERVER_V6 + " is closed");
            assertFinding(forRemote(all, s + ":" + TCP_DROP), "transport", "is filtered: no answer to SYN, though the host answers ICMP 3 hops away");
            assertFinding(forRemote(all, s + ":" + TCP_ADMIN), "transport", "filtered: ICMP admin-prohibited from " + s + " itself");
            assertFinding(forRemote(all, s + ":" + TCP_PORT_UNREACH), "transport", "filtered: ICMP port-unreach from " + s + " itself");
            assertFinding(forRemote(all, HOST_UNREACH_V4 + ":80"), "path", "ICMP host-unreach from " + R1_V4 + " (hop 2)");
            assertFinding(forRemote(all, NET_UNREACH_V4 + ":80"), "path", "ICMP net-unreach from " + R2_V4 + " (hop 3)");
            assertFinding(forRemote(all, SILENT_V4 + ":80"), "path", "goes silent after hop 1 (" + R1_V4 + ")");
            assertFinding(forRemote(all, LOCAL_UNREACHABLE_V4 + ":80"), "route", "an 'unreachable' route", "EHOSTUNREACH");
            assertFinding(forRemote(all, LOCAL_PROHIBIT_V4 + ":80"), "route", "a 'prohibit' route", "EACCES");
            assertFinding(forRemote(all, LOCAL_BLACKHOLE_V4 + ":80"), "route", "a 'blackhole' route", "EINVAL");
            assertFinding(forRemote(all, NO_CARRIER_V4 + ":80"), "link", "link dead0", "no carrier");
            assertFinding(forRemote(all, NO_NEIGHBOUR_V4 + ":80"), "neighbour", NO_NEIGHBOUR_V4 + " does not answer ARP on eth0");
            Map<String, Object> stale = finding(all, m -> STALE_NAME.equals(m.get("peerName")), STALE_NAME);
            assertFinding(stale, "dns", STALE_NAME + " is pinned to " + SILENT_V4 + " by /etc/hosts line 3", "goes silent after hop 1");

            int idleFd = ((Number) p.facts.get(14).get("fd")).intValue(), ka60Fd = ((Number) p.facts.get(15).get("fd")).intValue();
            int kaDefaultFd = ((Number) p.facts.get(16).get("fd")).intValue();
            Map<String, Object> idle = finding(all, m -> "open".equals(m.get("outcome")) && ((Number) m.get("fd")).intValue() == idleFd, "idle");
            assertFinding(idle, "keepalive", "never enables SO_KEEPALIVE");
            assertTrue(((List<?>) idle.get("evidence")).contains("keepalive: the traced calls never enable SO_KEEPALIVE; kernel tcp_keepalive_time 7200 s, intvl 75 s, probes 9"), idle::toString);
            assertTrue(((List<?>) idle.get("evidence")).stream().anyMatch(e -> e.toString().startsWith("keepalive probe: alive (ack in ")), idle::toString);
            Map<String, Object> ka60 = finding(all, m -> "open".equals(m.get("outcome")) && ((Number) m.get("fd")).intValue() == ka60Fd, "keepalive 60");
            assertFinding(ka60, "none", "keepalive would notice a dead peer in time");
            Map<String, Object> kaDefault = finding(all, m -> "open".equals(m.get("outcome")) && ((Number) m.get("fd")).intValue() == kaDefaultFd, "keepalive default");
            assertFinding(kaDefault, "keepalive", "first probe comes after 7200 s idle");

            Map<String, Object> dropped = forRemote(all, s + ":" + TCP_DROP);
            assertEquals("timeout", dropped.get("outcome"));
            assertTrue(((List<?>) dropped.get("probes")).stream().anyMatch(x -> "tcp-syn/8082".equals(((Map<?, ?>) x).get("probe"))), dropped::toString);
            assertTrue(((List<?>) dropped.get("evidence")).contains("route: " + s + " via " + R1_V4 + " dev eth0 src " + CLIENT_V4), dropped::toString);
        }
    }

    @Test
    void aSlowConnectIsExplainedByTheLostFirstSyn() throws Exception {
        // The server drops the first SYN of each new source for 30 s: connect() succeeds on the retransmission, a second later.
        String first = "-p tcp --dport " + TCP_OPEN + " --syn -m recent --name firstsyn --set -j DROP";
        String again = "-p tcp --dport " + TCP_OPEN + " --syn -m recent --name firstsyn --rcheck --seconds 30 -j ACCEPT";
        lab.exec(SERVER, ("iptables -I INPUT 1 " + first).split(" "));
        lab.exec(SERVER, ("iptables -I INPUT 1 " + again).split(" "));
        try (FailingProgram p = FailingProgram.run(lab, "slow=" + SERVER_V4 + ":" + TCP_OPEN + ":5:30")) {
            long took = ((Number) p.facts.get(0).get("connectNs")).longValue();
            assertTrue(took > 900_000_000L, "connect took " + took + " ns");
            List<Map<String, Object>> all = diagnose(true, p.ndjson(clientNetns, Map.of()), "--slow", "0.5");
            assertEquals(1, all.size(), all::toString);
            assertFinding(all.get(0), "none", "connect took 1.", "answers now (syn-ack", "first SYN or its answer was lost and retransmitted");
        } finally {
            lab.exec(SERVER, ("iptables -D INPUT " + first).split(" "));
            lab.exec(SERVER, ("iptables -D INPUT " + again).split(" "));
        }
    }

    @Test
    void anEstablishedConnectionResetByThePeerGetsKeepaliveAdvice() throws Exception {
        try (FailingProgram p = FailingProgram.run(lab, "resetlater=" + SERVER_V4 + ":" + TCP_OPEN)) {
            int port = ((Number) ((List<?>) p.facts.get(0).get("local")).get(1)).intValue();
            lab.exec(SERVER, "ss", "-K", "dst", CLIENT_V4, "dport", "= :" + port);
            List<Map<String, Object>> all = diagnose(true, p.ndjson(clientNetns, Map.of("resetlater", "ECONNRESET")));
            assertEquals(1, all.size(), all::toString);
            assertEquals("reset", all.get(0).get("outcome"));
            assertFinding(all.get(0), "keepalive", "the established connection ended reset and port " + TCP_OPEN + " on " + SERVER_V4 + " answers now",
                    "never enables SO_KEEPALIVE");
        }
    }

    @Test
    void textOutputAndBadInput() throws Exception {
        try (FailingProgram p = FailingProgram.run(lab, "refused=" + SERVER_V4 + ":" + TCP_CLOSED)) {
            Path file = p.ndjson(clientNetns, Map.of());
            Cli.Result r = Cli.run(new ProcessBuilder(lab.inNs(CLIENT, Cli.command("diagnose", "--from", file.toString()).toArray(String[]::new))), 60);
            assertEquals(0, r.exitCode(), r.stderr());
            String[] lines = r.stdout().split("\n");
            assertEquals(SERVER_V4 + ":" + TCP_CLOSED + " [pid " + p.facts.get(0).get("pid") + " python3, fd 3]: refused", lines[0]);
            assertEquals("  transport: port " + TCP_CLOSED + " on " + SERVER_V4 + " is closed: the host answers the SYN with RST: nothing listens there", lines[1]);
            assertTrue(lines[2].startsWith("    link eth0: up, operstate up, carrier, mtu 1500"), r.stdout());
        }
        Path bad = Files.createTempFile("nettrace-bad", ".ndjson");
        Files.writeString(bad, "{\"type\":\"connection\",\n");
        for (String[] args : List.of(new String[] {"diagnose", "--from", bad.toString()}, new String[] {"diagnose", "--from", "/nonexistent.ndjson"},
                new String[] {"diagnose"})) {
            Cli.Result r = Cli.run(30, args);
            assertTrue(r.exitCode() != 0);
            assertTrue(r.stderr().startsWith("nettrace: "), r.stderr());
            assertTrue(r.stderr().lines().count() <= 2, r.stderr());
        }
    }
}
