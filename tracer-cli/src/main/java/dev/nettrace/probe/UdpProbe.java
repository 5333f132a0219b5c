package dev.nettrace.probe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * UDP port probe with nmap's states: a reply is open, ICMP port-unreachable is closed, another
 * unreachable is filtered, silence is open|filtered. A connected socket with IP_RECVERR hears
 * both the reply and the ICMP error, so this needs no privilege and gives the same answers.
 */
public final class UdpProbe {
    private UdpProbe() {}

    private record Answer(String verdict, String reason, int ttl, String from) {}

    public static String probeName(int port) {
        return "udp/" + port;
    }

    public static List<ProbeResult> run(Target t, List<Integer> ports, long timeoutNs, Pacer pacer) throws IOException {
        Map<Integer, NativeSocket> byPort = new HashMap<>();
        Map<NativeSocket, Integer> portOf = new HashMap<>();
        try {
            for (int port : ports) {
                NativeSocket s = NativeSocket.open(t.address(), Libc.SOCK_DGRAM, Libc.IPPROTO_UDP);
                byPort.put(port, s);
                portOf.put(s, port);
                s.enableErrorsAndTtl();
                int err = s.connect(t.address(), port);
                if (err != 0) throw new ProbeException("no route to " + Addresses.text(t.address()) + ": " + Errno.name(err));
            }
            Exchange<Integer, Answer> ex = new Exchange<>(pacer, new ArrayList<>(portOf.keySet()), (s, d) -> {
                int port = portOf.get(s);
                ExtendedError e = d.error();
                if (e == null) return new Exchange.Match<>(port, new Answer("open", "udp-response", d.ttl(), null));
                if (!e.fromIcmp()) return null;
                IcmpMeaning m = IcmpMeaning.of(e.isV6(), e.type(), e.code(), e.info());
                String verdict = m.reason().equals("port-unreach") ? "closed" : "filtered";
                return new Exchange.Match<>(port, new Answer(verdict, m.reason(), -1, e.offender() == null ? null : Addresses.text(e.offender())));
            });
            ex.attempts = 2;
            ex.timeoutNs = timeoutNs;
            ex.maxInFlight = 16;
            Map<Integer, Exchange.Outcome<Answer>> got = ex.run(ports, (port, attempt) -> byPort.get(port).sendTo(new byte[0], t.address(), port));
            List<ProbeResult> out = new ArrayList<>();
            for (Map.Entry<Integer, Exchange.Outcome<Answer>> e : got.entrySet()) {
                Answer a = e.getValue().answer();
                if (a == null) {
                    out.add(ProbeResult.of(t, probeName(e.getKey()), "open|filtered", "no-response"));
                    continue;
                }
                ProbeResult r = ProbeResult.of(t, probeName(e.getKey()), a.verdict(), a.reason()).withRtt(e.getValue().rttNs());
                if (a.ttl() >= 0) r = r.withTtl(a.ttl());
                if (a.from() != null && !a.from().equals(Addresses.text(t.address()))) r = r.withFrom(a.from());
                out.add(r);
            }
            return out;
        } finally {
            for (NativeSocket s : portOf.keySet()) s.close();
        }
    }
}
