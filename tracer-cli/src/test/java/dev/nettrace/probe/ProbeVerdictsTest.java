package dev.nettrace.probe;

import static dev.nettrace.probe.LabProbes.byProbe;
import static dev.nettrace.probe.LabProbes.json;
import static dev.nettrace.testkit.NetnsLab.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.testkit.NetnsLab;
import dev.nettrace.testkit.Privileges;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every verdict of `nettrace probe`, against the lab's server and routers. */
class ProbeVerdictsTest {
    static NetnsLab lab;

    @BeforeAll
    static void lab() throws Exception {
        Privileges.requireRoot("builds network namespaces and sends raw packets");
        Privileges.requireCommand("iptables");
        lab = NetnsLab.start();
    }

    @AfterAll
    static void teardown() {
        if (lab != null) lab.close();
    }

    private static void assertVerdict(Map<String, Object> r, String verdict, String reason) {
        assertEquals(verdict, r.get("verdict"), () -> "verdict of " + r);
        assertEquals(reason, r.get("reason"), () -> "reason of " + r);
    }

    @Test
    void synProbeGivesNmapStatesAndReasons() throws Exception {
        List<Map<String, Object>> r = json(lab, "probe", SERVER_V4, "--tcp", TCP_OPEN + "," + TCP_CLOSED + "," + TCP_DROP + "," + TCP_ADMIN + "," + TCP_PORT_UNREACH, "-w", "0.5");
        Map<String, Object> open = byProbe(r, "tcp-syn/" + TCP_OPEN);
        assertVerdict(open, "open", "syn-ack");
        assertEquals(62L, open.get("ttl"), "two routers between client and server");
        assertEquals(64L, open.get("initialTtl"));
        assertTrue(((Number) open.get("rttNs")).longValue() > 0);
        assertVerdict(byProbe(r, "tcp-syn/" + TCP_CLOSED), "closed", "reset");
        assertVerdict(byProbe(r, "tcp-syn/" + TCP_DROP), "filtered", "no-response");
        Map<String, Object> admin = byProbe(r, "tcp-syn/" + TCP_ADMIN);
        assertVerdict(admin, "filtered", "admin-prohibited");
        assertEquals(SERVER_V4, admin.get("from"));
        assertVerdict(byProbe(r, "tcp-syn/" + TCP_PORT_UNREACH), "filtered", "port-unreach");
    }
}
