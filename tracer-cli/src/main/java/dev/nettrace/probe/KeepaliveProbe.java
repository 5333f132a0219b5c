package dev.nettrace.probe;

import dev.nettrace.os.Libc;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Is an idle established connection still alive, without touching the process that owns it?
 * Like the kernel's keepalive, a bare ACK goes to the peer with a sequence number outside its
 * window; a live peer must answer with an ACK carrying its current numbers (RFC 793/5961), a
 * peer that lost the connection answers RST, a vanished peer or a middlebox that forgot the flow
 * stays silent. The ACK leaves from a raw socket and the answer is captured on a packet socket.
 *
 * The owner never notices: the peer's ACK is a pure duplicate ACK to its socket, and the ack
 * number we send is random, so a peer's RST (whose sequence number echoes it) falls outside the
 * owner's window and is dropped by its kernel.
 */
public final class KeepaliveProbe {
    public static final String PROBE = "keepalive";
    /** Peers rate-limit their answers to out-of-window segments (tcp_invalid_ratelimit, 500 ms). */
    private static final long RETRY_GAP_NS = 600_000_000L;

    private KeepaliveProbe() {}

    public static ProbeResult run(TcpConnection c, int attempts, long timeoutNs, Pacer pacer) throws IOException {
        InetAddress local = c.local().getAddress(), remote = c.remote().getAddress();
        int lport = c.local().getPort(), rport = c.remote().getPort();
        Target t = new Target(c.describe(), remote);
        boolean v6 = t.isV6();
        pacer.reserve(attempts);
        try (NativeSocket raw = NativeSocket.open(remote, Libc.SOCK_RAW, Libc.IPPROTO_TCP);
             NativeSocket capture = NativeSocket.open(Libc.AF_PACKET, Libc.SOCK_DGRAM, Short.reverseBytes((short) Libc.ETH_P_ALL) & 0xffff)) {
            raw.bind(local, 0);
            for (int attempt = 1; attempt <= attempts; attempt++) {
                long seq = ThreadLocalRandom.current().nextLong(1L << 32), ack = ThreadLocalRandom.current().nextLong(1L << 32);
                long sent = raw.sendTo(Packets.tcp(local, lport, remote, rport, seq, ack, Packets.TCP_ACK, 0), remote, 0);
                pacer.took(sent, RETRY_GAP_NS);
                long deadline = sent + timeoutNs;
                while (System.nanoTime() < deadline) {
                    NativeSocket.poll(List.of(capture), (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    for (Datagram d; (d = capture.receive(false)) != null; ) {
                        CapturedTcp p = CapturedTcp.parse(d.payload(), v6);
                        if (p == null || !p.src().equals(remote) || !p.dst().equals(local) || p.tcp().srcPort() != rport || p.tcp().dstPort() != lport) continue;
                        long rtt = d.receivedNs() - sent;
                        if (p.tcp().has(Packets.TCP_RST)) return ProbeResult.of(t, PROBE, "reset", "reset").withRtt(rtt).withTtl(p.ttl());
                        if (p.tcp().has(Packets.TCP_ACK)) return ProbeResult.of(t, PROBE, "alive", "ack").withRtt(rtt).withTtl(p.ttl());
                    }
                }
                if (attempt < attempts) ConnectProbe.sleepNs(Math.max(0, sent + RETRY_GAP_NS - System.nanoTime()));
            }
            return ProbeResult.of(t, PROBE, "no-answer", "no-response");
        }
    }

    /** A TCP segment seen on the packet socket, with its IP addresses and TTL. */
    private record CapturedTcp(InetAddress src, InetAddress dst, int ttl, TcpSegment tcp) {
        static CapturedTcp parse(byte[] ip, boolean v6) {
            if (v6) {
                if (ip.length < 60 || (ip[0] >> 4) != 6 || (ip[6] & 0xff) != Libc.IPPROTO_TCP) return null;
                return new CapturedTcp(SockAddr.address(SockAddr.slice(ip, 8, 16)), SockAddr.address(SockAddr.slice(ip, 24, 16)),
                        ip[7] & 0xff, TcpSegment.parse(SockAddr.slice(ip, 40, ip.length - 40)));
            }
            if (ip.length < 40 || (ip[0] >> 4) != 4 || (ip[9] & 0xff) != Libc.IPPROTO_TCP) return null;
            int ihl = (ip[0] & 0x0f) * 4;
            return new CapturedTcp(SockAddr.address(SockAddr.slice(ip, 12, 4)), SockAddr.address(SockAddr.slice(ip, 16, 4)),
                    ip[8] & 0xff, TcpSegment.parse(SockAddr.slice(ip, ihl, ip.length - ihl)));
        }
    }
}
