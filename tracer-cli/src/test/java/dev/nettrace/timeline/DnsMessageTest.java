package dev.nettrace.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nettrace.dns.DnsAnswer;
import dev.nettrace.dns.DnsMessage;
import dev.nettrace.testkit.Privileges;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DNS replies as a real server sends them (compressed names included), decoded; malformed bytes decode to nothing. */
class DnsMessageTest {

    @Test
    void decodesRepliesFromARealServer() throws Exception {
        Privileges.requireRoot("a DNS server on port 53 inside a network namespace");
        Privileges.requireCommand("ip");
        String name = "api.nettrace.test";
        try (TestNetns ns = new TestNetns(); PythonProgram dns = PythonProgram.start(ns.exec(), Scripts.DNS_SERVER, name)) {
            dns.awaitLine();
            DnsAnswer a = DnsMessage.parseHex(query(ns, name, 1));
            assertEquals(name, a.question());
            assertEquals(List.of("127.0.0.1"), a.addresses());
            assertEquals(0, a.rcode());
            DnsAnswer none = DnsMessage.parseHex(query(ns, name, 28));
            assertEquals(name, none.question());
            assertEquals(List.of(), none.addresses());
            String reply = query(ns, name, 1);
            assertNull(DnsMessage.parseHex(reply.substring(0, reply.length() - 6)), "a truncated answer");
            assertNull(DnsMessage.parseHex("zz"));
        }
    }

    static String query(TestNetns ns, String name, int type) throws Exception {
        try (PythonProgram q = PythonProgram.start(ns.exec(), Scripts.DNS_QUERY, name, Integer.toString(type))) {
            return q.awaitLine();
        }
    }
}
