package dev.nettrace.probe;

import dev.nettrace.os.Errno;
import dev.nettrace.os.Libc;
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
            Exchange<Integer, PortAnswer> ex = new Exchange<>(pacer, new ArrayList<>(portOf.keySet()), (s, d) -> {
                int port = portOf.get(s);
                ExtendedError e = d.error();
                if (e == null) return new Exchange.Match<>(port, PortAnswer.reply("open", "udp-response", d.ttl()));
                if (!e.fromIcmp()) return null;
                IcmpMeaning m = IcmpMeaning.of(e.isV6(), e.type(), e.code(), e.info());
                String verdict = m.reason().equals("port-unreach") ? "closed" : "filtered";
                return new Exchange.Match<>(port, PortAnswer.icmp(verdict, m.reason(), e.offender() == null ? null : Addresses.text(e.offender())));
            });
            ex.attempts = 2;
            ex.timeoutNs = timeoutNs;
            ex.maxInFlight = 64;
            ex.adaptive = true;
            Map<Integer, Exchange.Outcome<PortAnswer>> got = ex.run(ports, (port, attempt) -> byPort.get(port).sendTo(new byte[0], t.address(), port));
            return PortAnswer.results(t, got, UdpProbe::probeName, "open|filtered");
        } finally {
            for (NativeSocket s : portOf.keySet()) s.close();
        }
    }
}
