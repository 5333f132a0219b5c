package dev.nettrace.probe;

import dev.nettrace.os.Libc;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * TCP SYN probe of ports, with nmap's states: a SYN-ACK is open (and is answered with an RST so
 * nothing stays half open), an RST is closed, an ICMP unreachable or silence is filtered. Needs
 * CAP_NET_RAW; {@link ConnectProbe} is the unprivileged fallback.
 */
public final class SynProbe {
    private SynProbe() {}

    public static String probeName(int port) {
        return "tcp-syn/" + port;
    }

    public static List<ProbeResult> run(Target t, List<Integer> ports, long timeoutNs, Pacer pacer) throws IOException {
        boolean v6 = t.isV6();
        try (LocalEndpoint local = LocalEndpoint.towards(t.address());
             NativeSocket tcp = NativeSocket.open(t.address(), Libc.SOCK_RAW, Libc.IPPROTO_TCP);
             NativeSocket icmp = NativeSocket.open(t.address(), Libc.SOCK_RAW, v6 ? Libc.IPPROTO_ICMPV6 : Libc.IPPROTO_ICMP)) {
            tcp.bind(local.address, 0);
            tcp.receiveTtl();
            icmp.receiveTtl();
            long seq = ThreadLocalRandom.current().nextLong(1L << 32);
            Exchange<Integer, PortAnswer> ex = new Exchange<>(pacer, List.of(tcp, icmp), (s, d) -> {
                if (s == tcp) {
                    TcpSegment seg = TcpSegment.parse(d.payload());
                    if (seg == null || seg.dstPort() != local.port || d.from() == null || !d.from().getAddress().equals(t.address())) return null;
                    if (seg.ack() != ((seq + 1) & 0xffffffffL)) return null;
                    if (seg.has(Packets.TCP_SYN) && seg.has(Packets.TCP_ACK)) {
                        reset(tcp, local, t, seg.srcPort(), seq);
                        return new Exchange.Match<>(seg.srcPort(), PortAnswer.reply("open", "syn-ack", d.ttl()));
                    }
                    if (seg.has(Packets.TCP_RST)) return new Exchange.Match<>(seg.srcPort(), PortAnswer.reply("closed", "reset", d.ttl()));
                    return null;
                }
                IcmpMessage m = IcmpMessage.parse(v6, d.payload());
                IcmpMessage.Quoted q = m == null ? null : m.quoted();
                if (q == null || q.proto() != Libc.IPPROTO_TCP || !q.dst().equals(t.address()) || q.srcPort() != local.port) return null;
                return new Exchange.Match<>(q.dstPort(), PortAnswer.icmp("filtered", m.meaning().reason(), Addresses.text(d.from().getAddress())));
            });
            ex.attempts = 2;
            ex.timeoutNs = timeoutNs;
            // The pacer bounds the rate; the window only bounds memory and how long a silent port holds a slot.
            ex.maxInFlight = 512;
            ex.adaptive = true;
            Map<Integer, Exchange.Outcome<PortAnswer>> got = ex.run(ports, (port, attempt) ->
                    tcp.sendTo(Packets.tcp(local.address, local.port, t.address(), port, seq, 0, Packets.TCP_SYN, 64240), t.address(), 0));
            return PortAnswer.results(t, got, SynProbe::probeName, "filtered");
        }
    }

    /**
     * Tears a half-open connection down at once. The kernel also answers a SYN-ACK for a port
     * with no socket by an RST, but a local firewall may drop that one; ours is explicit.
     */
    static void reset(NativeSocket tcp, LocalEndpoint local, Target t, int port, long synSeq) {
        try {
            tcp.sendTo(Packets.tcp(local.address, local.port, t.address(), port, (synSeq + 1) & 0xffffffffL, 0, Packets.TCP_RST, 0), t.address(), 0);
        } catch (IOException e) {
            // The peer's SYN-ACK retransmissions will meet the kernel's RST instead.
        }
    }
}
