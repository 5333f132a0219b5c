package dev.nettrace.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.procfs.ProcNet;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of the engine: port lists, address text, ICMP meanings, checksums, pacing. No packets. */
class ProbeBuildingBlocksTest {
    @Test
    void portListsReadLikeNmaps() {
        assertEquals(List.of(80, 443, 8000, 8001, 8002), PortList.parse("80,443,8000-8002"));
        assertEquals(List.of(22), PortList.parse("22,22"));
        for (String bad : List.of("", "0", "65536", "80-", "9-3", "http", "1,,2")) {
            assertThrows(ProbeException.class, () -> PortList.parse(bad), bad);
        }
    }

    @Test
    void ipv6AddressesAreCompressedLikeRfc5952() throws Exception {
        assertEquals("fd7e:7472:3::2", Addresses.text(InetAddress.getByName("fd7e:7472:3:0:0:0:0:2")));
        assertEquals("::1", Addresses.text(InetAddress.getByName("::1")));
        assertEquals("1:0:1::1", Addresses.text(InetAddress.getByName("1:0:1:0:0:0:0:1")));
        assertEquals("198.18.1.2", Addresses.text(InetAddress.getByName("198.18.1.2")));
    }

    @Test
    void icmpErrorsMeanWhatNmapAndTracerouteSay() {
        assertEquals(new IcmpMeaning("host-unreach", "!H", false), IcmpMeaning.of(false, 3, 1, 0));
        assertEquals(new IcmpMeaning("net-unreach", "!N", false), IcmpMeaning.of(false, 3, 0, 0));
        assertEquals(new IcmpMeaning("proto-unreach", "!P", true), IcmpMeaning.of(false, 3, 2, 0));
        assertEquals(new IcmpMeaning("port-unreach", null, true), IcmpMeaning.of(false, 3, 3, 0));
        assertEquals(new IcmpMeaning("frag-needed", "!F-1400", false), IcmpMeaning.of(false, 3, 4, 1400));
        for (int code : new int[] {9, 10, 13}) assertEquals("!X", IcmpMeaning.of(false, 3, code, 0).flag());
        assertTrue(IcmpMeaning.of(false, 11, 0, 0).isTimeExceeded());
        assertTrue(IcmpMeaning.of(true, 3, 0, 0).isTimeExceeded());
        assertEquals("admin-prohibited", IcmpMeaning.of(true, 1, 1, 0).reason());
        assertEquals("port-unreach", IcmpMeaning.of(true, 1, 4, 0).reason());
        assertEquals("!F-1280", IcmpMeaning.of(true, 2, 0, 1280).flag());
    }

    @Test
    void echoRequestsOfOneTraceShareTheirChecksum() {
        int first = Packets.get16(Packets.echoRequest(false, 0x1234, 1, 40), 2);
        for (int seq = 2; seq < 100; seq++) assertEquals(first, Packets.get16(Packets.echoRequest(false, 0x1234, seq, 40), 2), "seq " + seq);
        assertEquals(0, Checksum.of(Packets.echoRequest(false, 0x1234, 7, 40)), "a packet with its checksum sums to zero");
    }

    @Test
    void initialTtlGuesses() {
        assertEquals(64, ProbeResult.initialTtlGuess(62));
        assertEquals(128, ProbeResult.initialTtlGuess(117));
        assertEquals(255, ProbeResult.initialTtlGuess(250));
    }

    @Test
    void pacingKeepsTheRateAndTheBudget() {
        Pacer p = new Pacer(50, 3);
        assertEquals(0, p.waitNs(0));
        p.took(0, 0);
        assertEquals(20_000_000L, p.waitNs(0), "50 probes per second: 20 ms apart");
        assertEquals(0, p.waitNs(20_000_000L));
        p.took(20_000_000L, 100_000_000L);
        assertEquals(100_000_000L, p.waitNs(40_000_000L) + 20_000_000L, "a slower caller's gap wins");
        assertThrows(ProbeException.class, () -> p.reserve(2));
        p.took(120_000_000L, 0);
        ProbeException e = assertThrows(ProbeException.class, () -> p.took(140_000_000L, 0));
        assertTrue(e.getMessage().contains("--max-probes"));

        // A fast rate may burst 10 ms worth, and no more than the rate over a second.
        Pacer fast = new Pacer(5000, 100_000);
        int sent = 0;
        for (long t = 0; t < 1_000_000_000L; t += 100_000L) {
            while (fast.waitNs(t) == 0) {
                fast.took(t, 0);
                sent++;
            }
        }
        assertTrue(sent <= 5000 + 50 && sent >= 4900, "sent " + sent + " in one second at 5000/s");
    }

    @Test
    void procNetAddressesDecode() throws Exception {
        assertEquals(InetAddress.getByName("198.18.1.2"), ProcNet.endpoint("020112C6:1F90").address());
        assertEquals(8080, ProcNet.endpoint("020112C6:1F90").port());
        assertEquals(InetAddress.getByName("fd7e:7472:1::2"), ProcNet.endpoint("72747EFD000001000000000002000000:0050").address());
        assertNull(TcpSegment.parse(new byte[10]));
    }
}
