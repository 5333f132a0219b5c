package dev.nettrace.timeline;

import static dev.nettrace.timeline.TraceRecords.num;
import static dev.nettrace.timeline.TraceRecords.remote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.testkit.Privileges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Programs traced inside network namespaces the test builds: a connect that times out, and DNS answered in the namespace. */
class NamespacedTraceTest {
    @TempDir Path tmp;

    @BeforeEach
    void privileges() {
        Privileges.requireRoot("network namespaces and ptrace");
        Privileges.requireCommand("ip");
        RealHelper.require();
    }

    static List<String> runInside(TestNetns ns, String... cmd) {
        List<String> a = new ArrayList<>(List.of("run", "--"));
        a.addAll(ns.exec());
        a.addAll(List.of(cmd));
        return a;
    }

    static long nsInode(TestNetns ns) throws Exception {
        return ((Number) Files.getAttribute(Path.of("/run/netns", ns.name), "unix:ino")).longValue();
    }

    @Test
    void connectIntoADropRuleTimesOut() throws Exception {
        Privileges.requireCommand("iptables");
        try (TestNetns ns = new TestNetns()) {
            ns.inside("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "9", "-j", "DROP");
            // one SYN retransmission: the kernel gives up after 1 s + 2 s instead of two minutes
            ns.inside("sysctl", "-q", "-w", "net.ipv4.tcp_syn_retries=1");
            TraceRecords t = TraceRecords.run(tmp, runInside(ns, PythonProgram.PYTHON, "-c", Scripts.CONNECT, "127.0.0.1", "9"));
            assertEquals(0, t.result.exitCode(), t.result.stderr());
            Map<String, Object> c = t.only(remote("127.0.0.1:9"));
            assertEquals("timeout", c.get("outcome"));
            assertEquals("ETIMEDOUT", c.get("errno"));
            assertEquals("python3", c.get("comm"));
            assertEquals(nsInode(ns), num(c, "netns"));
            assertTrue(num(c, "connectNs") > 2_500_000_000L, "connect latency " + num(c, "connectNs"));
            assertNull(c.get("connectedNs"));
            assertTrue(num(c, "inode") > 0);
        }
    }

    @Test
    void peerNameComesFromTheDnsAnswerTheProcessReceived() throws Exception {
        Privileges.requireCommand("curl");
        try (TestNetns ns = new TestNetns()) {
            Path etc = Path.of("/etc/netns", ns.name);
            Files.createDirectories(etc);
            try {
                // `ip netns exec` mounts these over /etc: the resolver asks our server, and no name comes from a file
                Files.writeString(etc.resolve("resolv.conf"), "nameserver 127.0.0.1\noptions attempts:1 timeout:2\n");
                Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n");
                String name = "web.nettrace.test";
                try (PythonProgram dns = PythonProgram.start(ns.exec(), Scripts.DNS_SERVER, name);
                     PythonProgram web = PythonProgram.start(ns.exec(), Scripts.FIXED_PORT_HTTP, "http", "8080")) {
                    dns.awaitLine();
                    web.awaitLine();
                    TraceRecords t = TraceRecords.run(tmp, runInside(ns, "curl", "-s", "-o", "/dev/null", "http://" + name + ":8080/"));
                    assertEquals(0, t.result.exitCode(), t.result.stderr());
                    Map<String, Object> c = t.only(remote("127.0.0.1:8080"));
                    assertEquals("closed", c.get("outcome"));
                    assertEquals(nsInode(ns), num(c, "netns"));
                    Map<String, Object> lookup = t.only(m -> "udp".equals(m.get("proto")) && "127.0.0.1:53".equals(m.get("remote")));
                    assertEquals("flow", lookup.get("role"));
                    assertTrue(num(lookup, "bytesIn") > 0 && num(lookup, "bytesOut") > 0);
                    boolean payloads = t.events.stream().anyMatch(e -> "recv".equals(e.get("op")) && e.get("data") != null);
                    Assumptions.assumeTrue(payloads, "the ptrace helper does not report received bytes (\"data\"), so DNS answers cannot be decoded");
                    assertEquals(name, c.get("peerName"));
                }
            } finally {
                try (var files = Files.list(etc)) {
                    for (Path f : files.toList()) Files.delete(f);
                }
                Files.delete(etc);
            }
        }
    }
}
