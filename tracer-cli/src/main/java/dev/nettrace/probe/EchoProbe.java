package dev.nettrace.probe;

import dev.nettrace.os.Libc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ICMP echo, like ping: one result per request with its RTT, the reply's TTL and the guessed
 * initial TTL. Uses a raw ICMP socket; without CAP_NET_RAW an ICMP datagram ("ping") socket,
 * which the kernel only grants to groups in net.ipv4.ping_group_range.
 */
public final class EchoProbe {
    public static final String PROBE = "icmp-echo";

    private EchoProbe() {}

    private record Reply(String verdict, String reason, int ttl, String from) {}

    public static List<ProbeResult> run(Target t, int count, long intervalNs, long timeoutNs, Pacer pacer) throws IOException {
        boolean v6 = t.isV6();
        int proto = v6 ? Libc.IPPROTO_ICMPV6 : Libc.IPPROTO_ICMP;
        NativeSocket s;
        String note = null;
        boolean datagram = false;
        try {
            s = NativeSocket.open(t.address(), Libc.SOCK_RAW, proto);
        } catch (NoPrivilegeException e) {
            try {
                s = NativeSocket.open(t.address(), Libc.SOCK_DGRAM, proto);
            } catch (NoPrivilegeException e2) {
                throw new ProbeException("ICMP echo needs CAP_NET_RAW, or a group in net.ipv4.ping_group_range");
            }
            datagram = true;
            note = "ICMP datagram socket (no CAP_NET_RAW): same answers, but routers' errors are not seen";
        }
        try (NativeSocket sock = s) {
            sock.receiveTtl();
            int id = ThreadLocalRandom.current().nextInt(1, 0xffff);
            boolean matchId = !datagram; // the kernel rewrites the id of datagram-socket echoes
            Exchange<Integer, Reply> ex = new Exchange<>(pacer, List.of(sock), (so, d) -> {
                IcmpMessage m = IcmpMessage.parse(v6, d.payload());
                if (m == null) return null;
                if (m.isEchoReply() && d.from() != null && d.from().getAddress().equals(t.address()) && (!matchId || m.echoId() == id)) {
                    return new Exchange.Match<>(m.echoSeq(), new Reply("reply", "echo-reply", d.ttl(), null));
                }
                IcmpMessage.Quoted q = m.quoted();
                if (q != null && q.dst().equals(t.address()) && q.proto() == proto && (!matchId || q.icmpId() == id)) {
                    IcmpMeaning meaning = m.meaning();
                    String verdict = meaning.isTimeExceeded() ? "timeout" : "unreachable";
                    return new Exchange.Match<>(q.icmpSeq(), new Reply(verdict, meaning.reason(), d.ttl(), Addresses.text(d.from().getAddress())));
                }
                return null;
            });
            ex.maxInFlight = count;
            ex.timeoutNs = timeoutNs;
            ex.minGapNs = intervalNs;
            List<Integer> seqs = new ArrayList<>();
            for (int i = 1; i <= count; i++) seqs.add(i);
            Map<Integer, Exchange.Outcome<Reply>> got = ex.run(seqs, (seq, attempt) -> sock.sendTo(Packets.echoRequest(v6, id, seq, 64), t.address(), 0));
            List<ProbeResult> out = new ArrayList<>();
            for (Map.Entry<Integer, Exchange.Outcome<Reply>> e : got.entrySet()) {
                Reply r = e.getValue().answer();
                ProbeResult p = r == null ? ProbeResult.of(t, PROBE, "timeout", "no-response")
                        : ProbeResult.of(t, PROBE, r.verdict(), r.reason()).withRtt(e.getValue().rttNs());
                if (r != null && r.ttl() >= 0 && r.from() == null) p = p.withTtl(r.ttl());
                if (r != null && r.from() != null) p = p.withFrom(r.from());
                if (note != null) p = p.withNote(note);
                out.add(p);
            }
            return out;
        }
    }
}
