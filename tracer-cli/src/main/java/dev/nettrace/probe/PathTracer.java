package dev.nettrace.probe;

import dev.nettrace.os.Libc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * traceroute: TTL-limited probes, several hops in flight, by UDP, ICMP echo or TCP SYN. The flow
 * identity (addresses, ports, ICMP id and checksum) is the same for every probe of a trace, as
 * paris-traceroute does, so per-flow load balancing cannot stitch several paths into one; probes
 * are told apart by fields that flow hashing ignores (UDP payload, ICMP sequence, TCP sequence).
 * A hop whose answer never came (silent router, or an ICMP error the router's rate limit
 * suppressed) is reported as `*`, never guessed.
 */
public final class PathTracer {
    public enum Method { udp, icmp, tcp }

    public static final String PROBE = "trace";
    static final int UDP_PORT = 33434;
    /** Stop this many TTLs past the last hop that answered: a silent tail is not worth 30 hops. */
    static final int SILENT_TAIL = 5;
    /**
     * Once a farther hop has answered, a nearer one's answer is not worth waiting for beyond this
     * many times the farther one's RTT (traceroute's NEAR wait), nor less than {@link #NEAR_FLOOR_NS}.
     */
    static final int NEAR_FACTOR = 10;
    static final long NEAR_FLOOR_NS = 50_000_000L;

    /** size: whole packets of this many bytes with don't-fragment set (0: small probes, fragmentable). */
    public record Options(Method method, int port, int maxTtl, int perHop, long timeoutNs, int size) {}

    private record Key(int ttl, int n) {
        int index(int perHop) {
            return ttl * perHop + n;
        }
    }

    private record Answer(String addr, IcmpMeaning meaning, boolean destination) {}

    private PathTracer() {}

    public static ProbeResult run(Target t, Options o, Pacer pacer) throws IOException {
        try (Wire wire = Wire.open(t, o)) {
            int[] finalTtl = {o.maxTtl()};
            int[] lastAnswered = {0};
            Map<Key, Long> sentAt = new HashMap<>();
            TreeMap<Integer, Long> rttByTtl = new TreeMap<>();
            Exchange<Key, Answer> ex = new Exchange<>(pacer, wire.sockets(), (s, d) -> {
                Exchange.Match<Key, Answer> m = wire.match(s, d, o.perHop());
                if (m != null) {
                    lastAnswered[0] = Math.max(lastAnswered[0], m.key().ttl());
                    Long sent = sentAt.get(m.key());
                    if (sent != null) rttByTtl.putIfAbsent(m.key().ttl(), d.receivedNs() - sent);
                    Answer a = m.answer();
                    if (a.destination() || (a.meaning() != null && a.meaning().flag() != null)) {
                        finalTtl[0] = Math.min(finalTtl[0], m.key().ttl());
                    }
                }
                return m;
            });
            ex.maxInFlight = 16;
            ex.timeoutNs = o.timeoutNs();
            ex.stillWanted = k -> k.ttl() <= finalTtl[0] && k.ttl() <= lastAnswered[0] + SILENT_TAIL;
            ex.keyTimeoutNs = k -> {
                Map.Entry<Integer, Long> farther = rttByTtl.higherEntry(k.ttl());
                return farther == null ? Long.MAX_VALUE : Math.max(NEAR_FLOOR_NS, NEAR_FACTOR * farther.getValue());
            };
            List<Key> keys = new ArrayList<>();
            for (int ttl = 1; ttl <= o.maxTtl(); ttl++) for (int n = 0; n < o.perHop(); n++) keys.add(new Key(ttl, n));
            pacer.reserve(Math.min(keys.size(), (SILENT_TAIL + 1) * o.perHop()));
            // Most keys are never sent (the trace stops at the destination): reserve only the first stretch.
            Map<Key, Exchange.Outcome<Answer>> got = ex.runUnreserved(keys, (k, attempt) -> {
                long sent = wire.send(k.ttl(), k.index(o.perHop()));
                sentAt.put(k, sent);
                return sent;
            });
            return summarise(t, o, got, finalTtl[0]);
        }
    }

    private static ProbeResult summarise(Target t, Options o, Map<Key, Exchange.Outcome<Answer>> got, int finalTtl) {
        List<Hop> hops = new ArrayList<>();
        boolean reached = false;
        String stopReason = "no-response";
        for (int ttl = 1; ttl <= finalTtl; ttl++) {
            String addr = null, flag = null;
            List<Long> rtts = new ArrayList<>();
            boolean sent = false;
            for (int n = 0; n < o.perHop(); n++) {
                Exchange.Outcome<Answer> out = got.get(new Key(ttl, n));
                if (out == null) continue;
                sent = true;
                Answer a = out.answer();
                if (a == null) {
                    rtts.add(null);
                    continue;
                }
                rtts.add(out.rttNs());
                if (addr == null) addr = a.addr();
                if (a.meaning() != null && a.meaning().flag() != null) {
                    flag = a.meaning().flag();
                    stopReason = a.meaning().reason();
                }
                if (a.destination()) {
                    reached = true;
                    if (a.meaning() != null && flag == null) stopReason = a.meaning().reason();
                }
            }
            if (!sent) break;
            hops.add(new Hop(ttl, addr, rtts, flag));
        }
        String reason = reached ? stopReasonAtDestination(o.method(), stopReason) : stopReason;
        return ProbeResult.of(t, PROBE, reached ? "reached" : "not-reached", reason).withHops(hops);
    }

    private static String stopReasonAtDestination(Method m, String icmpReason) {
        return switch (m) {
            case icmp -> "echo-reply";
            case tcp -> "tcp-response";
            case udp -> icmpReason.equals("no-response") ? "udp-response" : icmpReason;
        };
    }

    /** The sockets of one trace method, how to send probe number i at a TTL, and how to match answers. */
    private static final class Wire implements AutoCloseable {
        final Target t;
        final Method method;
        final int port;
        final List<NativeSocket> sockets = new ArrayList<>();
        NativeSocket send;
        LocalEndpoint local;
        final int id = ThreadLocalRandom.current().nextInt(1, 0xffff);
        final long seqBase = ThreadLocalRandom.current().nextLong(1L << 31);

        final int size;

        private Wire(Target t, Method method, int port, int size) {
            this.t = t;
            this.method = method;
            this.port = port;
            this.size = size;
        }

        static Wire open(Target t, Options o) {
            Wire w = new Wire(t, o.method(), o.port(), o.size());
            try {
                boolean v6 = t.isV6();
                int icmpProto = v6 ? Libc.IPPROTO_ICMPV6 : Libc.IPPROTO_ICMP;
                switch (o.method()) {
                    case udp -> {
                        w.send = NativeSocket.open(t.address(), Libc.SOCK_DGRAM, Libc.IPPROTO_UDP);
                        w.sockets.add(w.send);
                        w.send.enableErrorsAndTtl();
                        w.send.bind(LocalEndpoint.sourceAddress(t.address()), 0);
                    }
                    case icmp -> {
                        w.send = NativeSocket.open(t.address(), Libc.SOCK_RAW, icmpProto);
                        w.sockets.add(w.send);
                        w.send.receiveTtl();
                    }
                    case tcp -> {
                        w.local = LocalEndpoint.towards(t.address());
                        w.send = NativeSocket.open(t.address(), Libc.SOCK_RAW, Libc.IPPROTO_TCP);
                        w.sockets.add(w.send);
                        w.send.bind(w.local.address, 0);
                        w.sockets.add(NativeSocket.open(t.address(), Libc.SOCK_RAW, icmpProto));
                    }
                }
                if (o.size() > 0) w.send.setDontFragmentProbe();
                return w;
            } catch (RuntimeException e) {
                w.close();
                throw e;
            }
        }

        List<NativeSocket> sockets() {
            return sockets;
        }

        long send(int ttl, int index) throws IOException {
            send.setTtl(ttl);
            return switch (method) {
                case udp -> send.sendTo(udpPayload(index, size - (t.isV6() ? 48 : 28)), t.address(), port > 0 ? port : UDP_PORT);
                case icmp -> send.sendTo(Packets.echoRequest(t.isV6(), id, index, Math.max(40, size - (t.isV6() ? 40 : 20))), t.address(), 0);
                case tcp -> send.sendTo(Packets.tcp(local.address, local.port, t.address(), port, seqBase + index, 0, Packets.TCP_SYN, 64240), t.address(), 0);
            };
        }

        private static byte[] udpPayload(int index, int size) {
            byte[] p = new byte[Math.max(12, size)];
            p[0] = 'n';
            p[1] = 't';
            Packets.put16(p, 2, index);
            return p;
        }

        Exchange.Match<Key, Answer> match(NativeSocket s, Datagram d, int perHop) {
            return switch (method) {
                case udp -> matchUdp(d, perHop);
                case icmp -> matchIcmp(d, perHop);
                case tcp -> s == send ? matchTcp(d, perHop) : matchTcpError(d, perHop);
            };
        }

        private static Key key(int index, int perHop) {
            return new Key(index / perHop, index % perHop);
        }

        private Exchange.Match<Key, Answer> matchUdp(Datagram d, int perHop) {
            ExtendedError e = d.error();
            if (e == null || !e.fromIcmp() || d.payload().length < 4 || d.payload()[0] != 'n' || d.payload()[1] != 't') return null;
            IcmpMeaning m = IcmpMeaning.of(e.isV6(), e.type(), e.code(), e.info());
            String addr = e.offender() == null ? null : Addresses.text(e.offender());
            boolean dest = m.fromDestination() || t.address().equals(e.offender());
            return new Exchange.Match<>(key(Packets.get16(d.payload(), 2), perHop), new Answer(addr, m.isTimeExceeded() ? null : m, dest));
        }

        private Exchange.Match<Key, Answer> matchIcmp(Datagram d, int perHop) {
            IcmpMessage m = IcmpMessage.parse(t.isV6(), d.payload());
            if (m == null || d.from() == null) return null;
            String addr = Addresses.text(d.from().getAddress());
            if (m.isEchoReply() && m.echoId() == id && d.from().getAddress().equals(t.address())) {
                return new Exchange.Match<>(key(m.echoSeq(), perHop), new Answer(addr, null, true));
            }
            IcmpMessage.Quoted q = m.quoted();
            int icmpProto = t.isV6() ? Libc.IPPROTO_ICMPV6 : Libc.IPPROTO_ICMP;
            if (q == null || q.proto() != icmpProto || q.icmpId() != id || !q.dst().equals(t.address())) return null;
            IcmpMeaning meaning = m.meaning();
            return new Exchange.Match<>(key(q.icmpSeq(), perHop), new Answer(addr, meaning.isTimeExceeded() ? null : meaning, d.from().getAddress().equals(t.address())));
        }

        private Exchange.Match<Key, Answer> matchTcp(Datagram d, int perHop) {
            TcpSegment seg = TcpSegment.parse(d.payload());
            if (seg == null || d.from() == null || seg.dstPort() != local.port || seg.srcPort() != port || !d.from().getAddress().equals(t.address())) return null;
            if (!seg.has(Packets.TCP_RST) && !(seg.has(Packets.TCP_SYN) && seg.has(Packets.TCP_ACK))) return null;
            long index = ((seg.ack() - 1 - seqBase) & 0xffffffffL);
            if (index >= 0xffff) return null;
            if (seg.has(Packets.TCP_SYN)) SynProbe.reset(send, local, t, port, seqBase + index);
            return new Exchange.Match<>(key((int) index, perHop), new Answer(Addresses.text(d.from().getAddress()), null, true));
        }

        private Exchange.Match<Key, Answer> matchTcpError(Datagram d, int perHop) {
            IcmpMessage m = IcmpMessage.parse(t.isV6(), d.payload());
            IcmpMessage.Quoted q = m == null ? null : m.quoted();
            if (q == null || q.proto() != Libc.IPPROTO_TCP || q.srcPort() != local.port || !q.dst().equals(t.address())) return null;
            long index = (q.tcpSeq() - seqBase) & 0xffffffffL;
            if (index >= 0xffff) return null;
            IcmpMeaning meaning = m.meaning();
            boolean dest = d.from().getAddress().equals(t.address());
            return new Exchange.Match<>(key((int) index, perHop), new Answer(Addresses.text(d.from().getAddress()), meaning.isTimeExceeded() ? null : meaning, dest));
        }

        @Override
        public void close() {
            for (NativeSocket s : sockets) s.close();
            if (local != null) local.close();
        }
    }
}
