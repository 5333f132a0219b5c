package dev.nettrace.probe;

import dev.nettrace.os.Errno;
import dev.nettrace.os.Libc;
import java.util.ArrayList;
import java.util.List;

/**
 * A full connect() to each port (nmap -sT), needing no privilege. IP_RECVERR on the socket keeps
 * the ICMP error that made the kernel fail the connect, so a refusal by RST ("reset") and one by
 * ICMP port-unreachable ("port-unreach", which a SYN scan calls filtered) are told apart.
 */
public final class ConnectProbe {
    public static final String NOTE = "connect() probe (no CAP_NET_RAW): an open port completed a full handshake, and no TTL is known";

    private ConnectProbe() {}

    public static String probeName(int port) {
        return "tcp-connect/" + port;
    }

    public static List<ProbeResult> run(Target t, List<Integer> ports, long timeoutNs, Pacer pacer) {
        pacer.reserve(ports.size());
        List<ProbeResult> out = new ArrayList<>();
        for (int port : ports) {
            long now = System.nanoTime();
            long wait = pacer.waitNs(now);
            if (wait > 0) sleepNs(wait);
            out.add(one(t, port, timeoutNs, pacer));
        }
        return out;
    }

    private static ProbeResult one(Target t, int port, long timeoutNs, Pacer pacer) {
        try (NativeSocket s = NativeSocket.open(t.address(), Libc.SOCK_STREAM, Libc.IPPROTO_TCP)) {
            s.enableErrorsAndTtl();
            long start = System.nanoTime();
            pacer.took(start, 0);
            int err = s.connect(t.address(), port);
            if (err == Errno.EINPROGRESS) {
                if (!s.awaitWritable((int) (timeoutNs / 1_000_000))) {
                    return ProbeResult.of(t, probeName(port), "filtered", "no-response");
                }
                err = s.getInt(Libc.SOL_SOCKET, Libc.SO_ERROR);
            }
            long rtt = System.nanoTime() - start;
            if (err == 0) return ProbeResult.of(t, probeName(port), "open", "syn-ack").withRtt(rtt);
            Datagram icmp = s.receive(true);
            ExtendedError e = icmp == null ? null : icmp.error();
            if (e != null && e.fromIcmp()) {
                IcmpMeaning m = IcmpMeaning.of(e.isV6(), e.type(), e.code(), e.info());
                String verdict = m.reason().equals("port-unreach") ? "closed" : "filtered";
                ProbeResult r = ProbeResult.of(t, probeName(port), verdict, m.reason()).withRtt(rtt);
                return e.offender() == null ? r : r.withFrom(Addresses.text(e.offender()));
            }
            return switch (err) {
                case 111 -> ProbeResult.of(t, probeName(port), "closed", "reset").withRtt(rtt);
                case 110 -> ProbeResult.of(t, probeName(port), "filtered", "no-response");
                case 101 -> ProbeResult.of(t, probeName(port), "filtered", "no-route").withNote("the local routing table has no route (ENETUNREACH)");
                case 113 -> ProbeResult.of(t, probeName(port), "filtered", "host-unreach").withRtt(rtt);
                default -> ProbeResult.of(t, probeName(port), "filtered", Errno.name(err).toLowerCase()).withRtt(rtt);
            };
        }
    }

    static void sleepNs(long ns) {
        try {
            Thread.sleep(ns / 1_000_000, (int) (ns % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException("interrupted");
        }
    }
}
