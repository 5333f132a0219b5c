package dev.nettrace.probe;

import static dev.nettrace.probe.LabProbes.byProbe;
import static dev.nettrace.probe.LabProbes.json;
import static dev.nettrace.testkit.NetnsLab.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nettrace.testkit.NetnsLab;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our verdicts against Debian's nmap and traceroute, run on the same lab in the same test. */
class AgreementWithNmapAndTracerouteTest {
    private static final Pattern NMAP_PORT = Pattern.compile("<port protocol=\"(\\w+)\" portid=\"(\\d+)\"><state state=\"([^\"]+)\" reason=\"([^\"]+)\"");
    private static final Pattern TRACEROUTE_HOP = Pattern.compile("^\\s*(\\d+)\\s+(\\*|\\S+)(?:\\s+[\\d.]+ ms(?:\\s+(!\\S+))?)?");
    static NetnsLab lab;

    @BeforeAll
    static void lab() throws Exception {
        lab = NetnsLab.forTest("nmap", "traceroute");
    }


    /** port -> "state reason" as nmap reports them. */
    static Map<String, String> nmap(String scan, String ports) throws Exception {
        String xml = lab.exec(CLIENT, "nmap", scan, "-n", "-Pn", "--reason", "-p", ports, "-oX", "-", SERVER_V4);
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = NMAP_PORT.matcher(xml);
        while (m.find()) out.put(m.group(2), m.group(3) + " " + m.group(4));
        assertFalse(out.isEmpty(), xml);
        return out;
    }

    static Map<String, String> ours(String kind, String... args) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> r : json(lab, args)) {
            String probe = (String) r.get("probe");
            if (probe.startsWith(kind)) out.put(probe.substring(probe.indexOf('/') + 1), r.get("verdict") + " " + r.get("reason"));
        }
        return out;
    }

    @Test
    void synScanAgreesWithNmapSS() throws Exception {
        String ports = TCP_OPEN + "-" + TCP_PORT_UNREACH;
        assertEquals(nmap("-sS", ports), ours("tcp-syn/", "probe", SERVER_V4, "--tcp", ports, "-w", "0.5"));
    }

    @Test
    void connectScanStatesAgreeWithNmapST() throws Exception {
        String ports = TCP_OPEN + "-" + TCP_PORT_UNREACH;
        Map<String, String> theirs = new LinkedHashMap<>(), ours = new LinkedHashMap<>();
        // Reasons differ on purpose: nmap says conn-refused/host-unreach where we can tell reset, port-unreach and admin-prohibited apart.
        nmap("-sT", ports).forEach((port, v) -> theirs.put(port, v.split(" ")[0]));
        ours("tcp-connect/", "probe", SERVER_V4, "--tcp", ports, "--connect", "-w", "0.5").forEach((port, v) -> ours.put(port, v.split(" ")[0]));
        assertEquals(theirs, ours);
    }

    @Test
    void udpScanAgreesWithNmapSU() throws Exception {
        String ports = UDP_OPEN + "-" + UDP_DROP;
        assertEquals(nmap("-sU", ports), ours("udp/", "probe", SERVER_V4, "--udp", ports, "-w", "0.5"));
    }

    @Test
    void traceAgreesWithTraceroute() throws Exception {
        for (String target : List.of(SERVER_V4, HOST_UNREACH_V4, NET_UNREACH_V4)) {
            // One probe at a time (-N 1): with probes for many TTLs in flight traceroute can print a
            // later hop's !N at an earlier TTL whose own answer was suppressed.
            String text = lab.exec(CLIENT, "traceroute", "-n", "-q", "1", "-N", "1", "-w", "1", target);
            List<String> theirs = new ArrayList<>();
            for (String line : text.split("\n")) {
                Matcher m = TRACEROUTE_HOP.matcher(line);
                if (m.find()) theirs.add(m.group(1) + " " + m.group(2) + (m.group(3) != null ? " " + m.group(3) : ""));
            }
            List<String> ours = new ArrayList<>();
            Map<String, Object> trace = byProbe(json(lab, "probe", target, "--trace", "-q", "1", "-w", "0.5"), "trace");
            for (Object o : (List<?>) trace.get("hops")) {
                Map<?, ?> h = (Map<?, ?>) o;
                ours.add(h.get("ttl") + " " + (h.get("addr") == null ? "*" : h.get("addr")) + (h.get("flag") != null ? " " + h.get("flag") : ""));
            }
            assertEquals(theirs, ours, "trace to " + target + "; traceroute said:\n" + text);
        }
    }
}
