package dev.nettrace.probe;

import dev.nettrace.os.Errno;
import dev.nettrace.os.Libc;
import java.io.IOException;
import java.util.List;

/**
 * Path MTU, as tracepath finds it: UDP datagrams with DF set, starting at the largest size and
 * shrinking to each MTU reported back (the local device's by EMSGSIZE, a router's by ICMP
 * fragmentation-needed / packet-too-big) until one reaches the target (port unreachable). Works
 * without privilege through IP_RECVERR.
 */
public final class MtuProbe {
    public static final String PROBE = "mtu";
    private static final int MAX_STEPS = 8;

    private MtuProbe() {}

    private record Answer(ExtendedError error, boolean reply) {}

    public static ProbeResult run(Target t, long timeoutNs, Pacer pacer) throws IOException {
        boolean v6 = t.isV6();
        int headers = v6 ? 48 : 28;
        try (NativeSocket s = NativeSocket.open(t.address(), Libc.SOCK_DGRAM, Libc.IPPROTO_UDP)) {
            s.enableErrorsAndTtl();
            s.setDontFragmentProbe();
            int err = s.connect(t.address(), PathTracer.UDP_PORT);
            if (err != 0) throw new ProbeException("no route to " + Addresses.text(t.address()) + ": " + Errno.name(err));
            int size = 65535;
            String shrunkBy = null;
            for (int step = 0; step < MAX_STEPS; step++) {
                int payload = size - headers;
                byte[] data = new byte[payload];
                long sent;
                try {
                    sent = s.sendTo(data, t.address(), PathTracer.UDP_PORT);
                } catch (IOException local) {
                    // EMSGSIZE at once: the local device is smaller; its MTU is on the error queue
                    // (once per failed attempt: take them all).
                    int deviceMtu = size;
                    for (Datagram d; (d = s.receive(true)) != null; ) {
                        if (d.error() != null && d.error().info() > 0) deviceMtu = Math.min(deviceMtu, d.error().info());
                    }
                    if (deviceMtu >= size) throw local;
                    size = deviceMtu;
                    continue;
                }
                pacer.took(sent, 0);
                Exchange.Outcome<Answer> got = await(s, timeoutNs, sent);
                if (got == null) {
                    return ProbeResult.of(t, PROBE, "timeout", "no-response").withMtu(size)
                            .withNote("no answer at " + size + " bytes: the path MTU is at most this, if the target answers UDP at all");
                }
                ExtendedError e = got.answer().error();
                if (got.answer().reply() || (e != null && e.fromIcmp() && IcmpMeaning.of(e.isV6(), e.type(), e.code(), e.info()).fromDestination())) {
                    ProbeResult r = ProbeResult.of(t, PROBE, "reply", shrunkBy == null ? "port-unreach" : "frag-needed").withMtu(size).withRtt(got.rttNs());
                    return shrunkBy == null ? r : r.withFrom(shrunkBy);
                }
                if (e != null && e.info() > 0 && e.info() < size) {
                    size = e.info();
                    if (e.fromIcmp() && e.offender() != null) shrunkBy = Addresses.text(e.offender());
                    continue;
                }
                String reason = e != null && e.fromIcmp() ? IcmpMeaning.of(e.isV6(), e.type(), e.code(), e.info()).reason() : "no-response";
                return ProbeResult.of(t, PROBE, "unreachable", reason).withMtu(size);
            }
            return ProbeResult.of(t, PROBE, "timeout", "too-many-steps").withMtu(size);
        }
    }

    private static Exchange.Outcome<Answer> await(NativeSocket s, long timeoutNs, long sent) {
        long deadline = sent + timeoutNs;
        while (System.nanoTime() < deadline) {
            NativeSocket.poll(List.of(s), (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            Datagram reply = s.receive(false);
            if (reply != null) return new Exchange.Outcome<>(new Answer(null, true), reply.receivedNs() - sent, 1);
            // Local entries are leftovers of sends refused before this one; only the network's answer counts.
            for (Datagram err; (err = s.receive(true)) != null; ) {
                if (err.error() != null && err.error().fromIcmp()) return new Exchange.Outcome<>(new Answer(err.error(), false), err.receivedNs() - sent, 1);
            }
        }
        return null;
    }
}
