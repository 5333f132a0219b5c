package dev.nettrace.probe;

import dev.nettrace.os.Netns;
import dev.nettrace.os.NetnsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe engine's front door for `probe` and `diagnose`: one politeness budget for the run,
 * and the fallbacks when raw sockets are refused (each result then says what it is missing).
 */
public final class Prober {
    public static final String TRACE_FALLBACK_PREFIX = "traced with UDP probes: ";
    private final Pacer pacer;
    private final long timeoutNs;
    private boolean forceConnect;

    public Prober(Pacer pacer, long timeoutNs) {
        this.pacer = pacer;
        this.timeoutNs = timeoutNs;
    }

    /** Use connect() probes even with CAP_NET_RAW (what the traced program itself would see). */
    public Prober forceConnect(boolean on) {
        this.forceConnect = on;
        return this;
    }

    public Pacer pacer() {
        return pacer;
    }

    public List<ProbeResult> ping(Target t, int count, long intervalNs) throws IOException {
        return EchoProbe.run(t, count, intervalNs, timeoutNs, pacer);
    }

    /** SYN probes, or connect() probes without CAP_NET_RAW. */
    public List<ProbeResult> tcpPorts(Target t, List<Integer> ports) throws IOException {
        if (!forceConnect) {
            try {
                return SynProbe.run(t, ports, timeoutNs, pacer);
            } catch (NoPrivilegeException e) {
                List<ProbeResult> weaker = new ArrayList<>();
                for (ProbeResult r : ConnectProbe.run(t, ports, timeoutNs, pacer)) weaker.add(r.withNote(ConnectProbe.NOTE));
                return weaker;
            }
        }
        return ConnectProbe.run(t, ports, timeoutNs, pacer);
    }

    public List<ProbeResult> udpPorts(Target t, List<Integer> ports) throws IOException {
        return UdpProbe.run(t, ports, timeoutNs, pacer);
    }

    /** A trace by the asked method; ICMP and TCP fall back to UDP (IP_RECVERR) without CAP_NET_RAW. */
    public ProbeResult trace(Target t, PathTracer.Method method, int port, int maxTtl, int perHop, int size) throws IOException {
        try {
            return PathTracer.run(t, new PathTracer.Options(method, port, maxTtl, perHop, timeoutNs, size), pacer);
        } catch (NoPrivilegeException e) {
            ProbeResult r = PathTracer.run(t, new PathTracer.Options(PathTracer.Method.udp, 0, maxTtl, perHop, timeoutNs, size), pacer);
            return r.withNote(TRACE_FALLBACK_PREFIX + method + " probes need CAP_NET_RAW; firewalls may treat UDP differently");
        }
    }

    public ProbeResult mtu(Target t) throws IOException {
        return MtuProbe.run(t, timeoutNs, pacer);
    }

    /** Runs in the connection's own network namespace, wherever the caller is. */
    public ProbeResult keepalive(TcpConnection c) throws IOException {
        try {
            return Netns.call(c.netns(), () -> KeepaliveProbe.run(c, 3, timeoutNs, pacer));
        } catch (NetnsException e) {
            throw new ProbeException(e.getMessage());
        } catch (NoPrivilegeException e) {
            throw new ProbeException("the keepalive probe needs CAP_NET_RAW (a raw socket to send the ACK, a packet socket to see the answer)");
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
