package dev.nettrace.probe;

import static dev.nettrace.probe.LabProbes.json;
import static dev.nettrace.testkit.NetnsLab.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.NetnsLab;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Path traces through the lab: silent hop, flags, the three methods, IPv6, and rate-limited answers. */
class TraceTest {
    static NetnsLab lab;

    @BeforeAll
    static void lab() throws Exception {
        lab = NetnsLab.forTest();
    }


    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> hops(Map<String, Object> trace) {
        return (List<Map<String, Object>>) trace.get("hops");
    }

    static Map<String, Object> trace(String target, String... extra) throws Exception {
        String[] args = Arrays.asList(extra).contains("-w") ? new String[] {"probe", target, "--trace"} : new String[] {"probe", target, "--trace", "-w", "0.4"};
        String[] all = Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        List<Map<String, Object>> r = json(lab, all);
        assertEquals(1, r.size(), r::toString);
        assertEquals("trace", r.get(0).get("probe"));
        return r.get(0);
    }

    @Test
    void everyMethodCrossesTheSilentRouterToTheServer() throws Exception {
        String[][] cases = {{SERVER_V4, "udp", R1_V4}, {SERVER_V4, "icmp", R1_V4}, {SERVER_V4, "tcp", R1_V4},
                {SERVER_V6, "udp", R1_V6}, {SERVER_V6, "icmp", R1_V6}, {SERVER_V6, "tcp", R1_V6}};
        for (String[] c : cases) {
            Map<String, Object> t = trace(c[0], "--method", c[1], "-p", c[1].equals("tcp") ? Integer.toString(TCP_OPEN) : "0");
            String what = c[1] + " trace to " + c[0] + ": " + t;
            assertEquals("reached", t.get("verdict"), what);
            List<Map<String, Object>> hops = hops(t);
            assertEquals(3, hops.size(), what);
            assertEquals(c[2], hops.get(0).get("addr"), what);
            assertEquals(3, ((List<?>) hops.get(0).get("rttNs")).size(), what);
            assertTrue(((List<?>) hops.get(0).get("rttNs")).stream().allMatch(x -> x instanceof Long l && l > 0), what);
            assertNull(hops.get(1).get("addr"), "r2 never sends time-exceeded: " + what);
            assertEquals(Arrays.asList(null, null, null), hops.get(1).get("rttNs"), what);
            assertEquals(c[0], hops.get(2).get("addr"), what);
            assertNull(hops.get(2).get("flag"), what);
        }
        // The server holds no half-open connection left over from the TCP traces' SYN-ACKs.
        assertEquals("", lab.exec(SERVER, "ss", "-Htn", "state", "syn-recv", "sport", "= :" + TCP_OPEN).trim());
    }

    @Test
    void unreachablesEndTheTraceWithTracerouteFlags() throws Exception {
        Map<String, Object> host = trace(HOST_UNREACH_V4);
        assertEquals("not-reached", host.get("verdict"));
        assertEquals("host-unreach", host.get("reason"));
        // r1 says time-exceeded to TTL 1, and rejects what it would forward (TTL 2) with host-unreachable.
        List<Map<String, Object>> h = hops(host);
        assertEquals(2, h.size(), host::toString);
        assertEquals(R1_V4, h.get(0).get("addr"));
        assertNull(h.get(0).get("flag"));
        assertEquals(R1_V4, h.get(1).get("addr"));
        assertEquals("!H", h.get(1).get("flag"));

        Map<String, Object> net = trace(NET_UNREACH_V4, "--method", "icmp");
        assertEquals("net-unreach", net.get("reason"));
        List<Map<String, Object>> n = hops(net);
        Map<String, Object> last = n.get(n.size() - 1);
        assertEquals(R2_V4, last.get("addr"), net::toString);
        assertEquals("!N", last.get("flag"));

        Map<String, Object> tooBig = trace(SERVER_V4, "--method", "udp", "--size", "1500");
        assertEquals("!F-" + SMALL_MTU, hops(tooBig).get(hops(tooBig).size() - 1).get("flag"), tooBig::toString);
    }

    @Test
    void aSilentPathStopsAfterFiveQuietHops() throws Exception {
        Map<String, Object> t = trace(SILENT_V4, "-w", "0.2", "-q", "1");
        assertEquals("not-reached", t.get("verdict"));
        assertEquals("no-response", t.get("reason"));
        List<Map<String, Object>> h = hops(t);
        assertEquals(R1_V4, h.get(0).get("addr"));
        assertEquals(1 + PathTracer.SILENT_TAIL, h.size(), t::toString);
        assertTrue(h.subList(1, h.size()).stream().allMatch(x -> x.get("addr") == null), t::toString);
    }

    @Test
    void answersARouterRateLimitedAwayAreStarsNotGuesses() throws Exception {
        // r1's real `unreachable` route: the kernel sends a burst of about 5 errors, then 1/s.
        Map<String, Object> t = trace(ROUTE_UNREACH_V4, "-q", "10", "-m", "1", "--rate", "200");
        List<?> rtts = (List<?>) hops(t).get(0).get("rttNs");
        long answered = rtts.stream().filter(x -> x != null).count();
        assertEquals(10, rtts.size());
        assertTrue(answered >= 1 && answered <= 6, () -> "answered " + answered + ": " + t);
        assertEquals("!H", hops(t).get(0).get("flag"));
        assertEquals(R1_V4, hops(t).get(0).get("addr"));
    }

    @Test
    void textOutputLooksLikeTraceroute() throws Exception {
        Cli.Result r = LabProbes.run(lab, "probe", SERVER_V4, "--trace", "--method", "icmp", "-w", "0.3");
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().split("\n");
        assertTrue(lines[0].startsWith("traceroute to " + SERVER_V4 + ", 30 hops max"), r.stdout());
        assertTrue(lines[1].matches(" 1  " + R1_V4.replace(".", "\\.") + "(  \\d+\\.\\d{3} ms){3}"), r.stdout());
        assertEquals(" 2   *  *  *", lines[2]);
        assertTrue(lines[3].startsWith(" 3  " + SERVER_V4 + "  "), r.stdout());
    }
}
