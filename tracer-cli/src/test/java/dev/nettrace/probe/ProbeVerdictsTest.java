package dev.nettrace.probe;

import static dev.nettrace.probe.LabProbes.byProbe;
import static dev.nettrace.probe.LabProbes.json;
import static dev.nettrace.testkit.NetnsLab.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.testkit.NetnsLab;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every port and echo verdict of `nettrace probe`, against the lab's server and routers, IPv4 and IPv6. */
class ProbeVerdictsTest {
    static NetnsLab lab;

    @BeforeAll
    static void lab() throws Exception {
        lab = NetnsLab.forTest();
    }


    static void assertVerdict(Map<String, Object> r, String verdict, String reason) {
        assertEquals(verdict, r.get("verdict"), () -> "verdict of " + r);
        assertEquals(reason, r.get("reason"), () -> "reason of " + r);
    }

    private static String ports() {
        return TCP_OPEN + "," + TCP_CLOSED + "," + TCP_DROP + "," + TCP_ADMIN + "," + TCP_PORT_UNREACH;
    }

    @Test
    void synProbeGivesNmapStatesAndReasonsAndLeavesNothingHalfOpen() throws Exception {
        Set<String> before = serverConnections();
        for (String server : List.of(SERVER_V4, SERVER_V6)) {
            List<Map<String, Object>> r = json(lab, "probe", server, "--tcp", ports(), "-w", "0.5");
            assertEquals(5, r.size(), r::toString);
            Map<String, Object> open = byProbe(r, "tcp-syn/" + TCP_OPEN);
            assertVerdict(open, "open", "syn-ack");
            assertEquals(server, open.get("address"));
            assertEquals(62L, open.get("ttl"), "two routers between client and server");
            assertEquals(64L, open.get("initialTtl"));
            assertTrue(((Number) open.get("rttNs")).longValue() > 0);
            assertVerdict(byProbe(r, "tcp-syn/" + TCP_CLOSED), "closed", "reset");
            Map<String, Object> dropped = byProbe(r, "tcp-syn/" + TCP_DROP);
            assertVerdict(dropped, "filtered", "no-response");
            assertNull(dropped.get("rttNs"));
            Map<String, Object> admin = byProbe(r, "tcp-syn/" + TCP_ADMIN);
            assertVerdict(admin, "filtered", "admin-prohibited");
            assertEquals(server, admin.get("from"));
            assertVerdict(byProbe(r, "tcp-syn/" + TCP_PORT_UNREACH), "filtered", "port-unreach");
        }
        // The SYN-ACK was answered with an RST: the server holds no half-open or open connection from the probe.
        Set<String> after = serverConnections();
        after.removeAll(before);
        assertEquals(Set.of(), after, "connections the probes left on the server");
    }

    /** The server's half-open and open connections on the open port (other tests may hold some of their own). */
    static Set<String> serverConnections() throws Exception {
        String ss = lab.exec(SERVER, "ss", "-Htn", "state", "syn-recv", "state", "established", "sport", "= :" + TCP_OPEN);
        return new HashSet<>(ss.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }

    @Test
    void connectProbeCallsAPortUnreachableRefusalClosedAndSaysWhy() throws Exception {
        List<Map<String, Object>> r = json(lab, "probe", SERVER_V4, "--tcp", ports(), "--connect", "-w", "0.5");
        assertVerdict(byProbe(r, "tcp-connect/" + TCP_OPEN), "open", "syn-ack");
        assertVerdict(byProbe(r, "tcp-connect/" + TCP_CLOSED), "closed", "reset");
        assertVerdict(byProbe(r, "tcp-connect/" + TCP_DROP), "filtered", "no-response");
        assertVerdict(byProbe(r, "tcp-connect/" + TCP_ADMIN), "filtered", "admin-prohibited");
        Map<String, Object> pu = byProbe(r, "tcp-connect/" + TCP_PORT_UNREACH);
        assertVerdict(pu, "closed", "port-unreach");
        assertEquals(SERVER_V4, pu.get("from"));
    }

    @Test
    void udpProbeStates() throws Exception {
        for (String server : List.of(SERVER_V4, SERVER_V6)) {
            List<Map<String, Object>> r = json(lab, "probe", server, "--udp", UDP_OPEN + "," + UDP_CLOSED + "," + UDP_DROP, "-w", "0.4");
            Map<String, Object> open = byProbe(r, "udp/" + UDP_OPEN);
            assertVerdict(open, "open", "udp-response");
            assertEquals(62L, open.get("ttl"));
            assertVerdict(byProbe(r, "udp/" + UDP_CLOSED), "closed", "port-unreach");
            assertVerdict(byProbe(r, "udp/" + UDP_DROP), "open|filtered", "no-response");
        }
    }

    @Test
    void echoRepliesTimeoutsAndUnreachables() throws Exception {
        for (String server : List.of(SERVER_V4, SERVER_V6)) {
            List<Map<String, Object>> r = json(lab, "probe", server, "--ping", "-c", "3", "-i", "0.05");
            assertEquals(3, r.size());
            for (Map<String, Object> echo : r) {
                assertVerdict(echo, "reply", "echo-reply");
                assertEquals("icmp-echo", echo.get("probe"));
                assertEquals(62L, echo.get("ttl"));
                assertEquals(64L, echo.get("initialTtl"));
                assertTrue(((Number) echo.get("rttNs")).longValue() > 0);
            }
        }
        Map<String, Object> silent = json(lab, "probe", SILENT_V4, "-c", "1", "-w", "0.3").get(0);
        assertVerdict(silent, "timeout", "no-response");
        Map<String, Object> unreachable = json(lab, "probe", HOST_UNREACH_V4, "-c", "1").get(0);
        assertVerdict(unreachable, "unreachable", "host-unreach");
        assertEquals(R1_V4, unreachable.get("from"));
    }

    @Test
    void pathMtuComesFromTheRouterBeforeTheSmallLink() throws Exception {
        Map<String, Object> v4 = byProbe(json(lab, "probe", SERVER_V4, "--mtu"), "mtu");
        assertVerdict(v4, "reply", "frag-needed");
        assertEquals((long) SMALL_MTU, v4.get("mtu"));
        assertEquals(R2_V4, v4.get("from"));
        Map<String, Object> v6 = byProbe(json(lab, "probe", SERVER_V6, "--mtu"), "mtu");
        assertVerdict(v6, "reply", "frag-needed");
        assertEquals((long) SMALL_MTU, v6.get("mtu"));
        assertEquals(R2_V6, v6.get("from"));
    }

    @Test
    void withoutCapNetRawTheFallbacksSayWhatIsWeaker() throws Exception {
        // Root without CAP_NET_RAW: raw and packet sockets are refused, everything else works.
        List<String> noRaw = List.of("setpriv", "--bounding-set", "-net_raw", "--inh-caps", "-net_raw");
        List<Map<String, Object>> r = json(lab, noRaw, "probe", SERVER_V4, "--tcp", ports(), "--ping", "-c", "1", "--trace", "--method", "tcp", "-w", "0.5");
        Map<String, Object> echo = byProbe(r, "icmp-echo");
        assertVerdict(echo, "reply", "echo-reply");
        assertEquals(62L, echo.get("ttl"));
        assertTrue(((String) echo.get("note")).startsWith("ICMP datagram socket (no CAP_NET_RAW)"), echo::toString);
        Map<String, Object> trace = byProbe(r, "trace");
        assertEquals("reached", trace.get("verdict"));
        assertTrue(((String) trace.get("note")).startsWith(Prober.TRACE_FALLBACK_PREFIX + "tcp probes need CAP_NET_RAW"), trace::toString);
        Map<String, Object> open = byProbe(r, "tcp-connect/" + TCP_OPEN);
        assertVerdict(open, "open", "syn-ack");
        assertEquals(ConnectProbe.NOTE, open.get("note"));
        assertVerdict(byProbe(r, "tcp-connect/" + TCP_CLOSED), "closed", "reset");
        assertVerdict(byProbe(r, "tcp-connect/" + TCP_DROP), "filtered", "no-response");
        assertVerdict(byProbe(r, "tcp-connect/" + TCP_ADMIN), "filtered", "admin-prohibited");
        assertVerdict(byProbe(r, "tcp-connect/" + TCP_PORT_UNREACH), "closed", "port-unreach");
        var keepalive = LabProbes.run(lab, noRaw, "probe", "--conn", CLIENT_V4 + ":40000," + SERVER_V4 + ":" + TCP_OPEN);
        assertEquals(1, keepalive.exitCode());
        assertEquals("nettrace: the keepalive probe needs CAP_NET_RAW (a raw socket to send the ACK, a packet socket to see the answer)", keepalive.stderr().strip());
    }

    @Test
    void unknownHostAndBadInputAreOneLineErrors() throws Exception {
        for (String[] args : List.of(new String[] {"probe", "no-such-host.nettrace.test"}, new String[] {"probe", SERVER_V4, "--tcp", "80-"},
                new String[] {"probe", SERVER_V4, "--tcp", "1-2000"}, new String[] {"probe", "--conn", "nonsense"})) {
            var r = LabProbes.run(lab, args);
            assertTrue(r.exitCode() != 0, () -> String.join(" ", args) + " exited 0");
            assertEquals(1, r.stderr().strip().lines().count(), () -> "one line expected:\n" + r.stderr());
            assertTrue(r.stderr().startsWith("nettrace: "), r.stderr());
        }
        assertTrue(LabProbes.run(lab, "probe", "no-such-host.nettrace.test").stderr().contains("unknown host no-such-host.nettrace.test"));
        assertTrue(LabProbes.run(lab, "probe", SERVER_V4, "--tcp", "1-2000").stderr().contains("--max-probes"));
    }
}
