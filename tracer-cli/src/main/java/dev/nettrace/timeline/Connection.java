package dev.nettrace.timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection of a timeline: a TCP connection, a UDP flow (one socket, one remote), a unix
 * socket, or a listener. Fields are ARCHITECTURE.md's connection record; null means unknown.
 * Built up by the correlator as events arrive, then rendered.
 */
public final class Connection {
    public int pid;
    public String comm;
    public int tid;
    public int fd = -1;
    public long inode;
    public long netns;
    public long cookie;
    public String proto;
    public String local, remote, peerName;
    public String role;
    public Long openedNs, connectedNs, closedNs, connectNs;
    public long bytesOut, bytesIn;
    public int callsOut, callsIn;
    public KernelView kernel;
    public Outcome outcome;
    public String errno;
    public String thread;
    public List<String> stack;
    public String source;
    /** Set when the process saw the peer close (EOF) or the kernel showed CLOSE_WAIT. */
    public Long peerClosedNs;
    /**
     * The outcome was inferred from timing because the source did not report SO_ERROR's value
     * and the socket was gone before the kernel could be asked.
     */
    public boolean outcomeInferred;
    /** A getsockopt(SO_ERROR) whose value we did not learn: the moment the process learned the connect's fate. */
    public Long soErrorNs;
    /** When the process shut down its sending side (then the peer's close that follows is an answer, not a first move). */
    public Long shutdownNs;
    /** Existed before tracing began (attach); outcome stays pre-existing while it is open. */
    public boolean preExisting;
    /** Other processes that used the socket (a forked child that inherited it). */
    public final List<Integer> sharedWith = new ArrayList<>();
    /** The connect call's entry, for connect latency of a connect still in progress. */
    public Long connectStartNs;
    /** How the end was seen: close (a traced call), exit, or vanished (gone from the descriptors, no call seen). */
    public String endedBy;

    public boolean isOpen() {
        return closedNs == null;
    }

    public boolean isConnecting() {
        return connectStartNs != null && connectedNs == null && outcome == null;
    }

    public boolean isTcp() {
        return proto != null && proto.startsWith("tcp");
    }

    /** The outcome as reported: still-open connections are open (or pre-existing). */
    public Outcome outcomeNow() {
        if (outcome != null) return outcome;
        if (closedNs != null) return peerClosedFirst() ? Outcome.CLOSED_BY_PEER : Outcome.CLOSED;
        return preExisting ? Outcome.PRE_EXISTING : Outcome.OPEN;
    }

    public boolean peerClosedFirst() {
        return peerClosedNs != null && (shutdownNs == null || peerClosedNs < shutdownNs);
    }

    public long retransmits() {
        return kernel == null ? 0 : kernel.totalRetrans();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "connection");
        m.put("pid", pid);
        m.put("comm", comm);
        if (tid != 0) m.put("tid", tid);
        m.put("fd", fd >= 0 ? fd : null);
        m.put("inode", inode != 0 ? inode : null);
        m.put("netns", netns != 0 ? netns : null);
        if (cookie != 0) m.put("cookie", Long.toUnsignedString(cookie));
        m.put("proto", proto);
        m.put("local", local);
        m.put("remote", remote);
        m.put("peerName", peerName);
        m.put("role", role);
        m.put("openedNs", openedNs);
        m.put("connectedNs", connectedNs);
        m.put("closedNs", closedNs);
        m.put("connectNs", connectNs);
        m.put("bytesOut", bytesOut);
        m.put("bytesIn", bytesIn);
        m.put("kernel", kernel == null ? null : kernel.toMap());
        m.put("outcome", outcomeNow().label());
        m.put("errno", errno);
        if (thread != null) m.put("thread", thread);
        if (stack != null) m.put("stack", stack);
        if (source != null) m.put("source", source);
        if (peerClosedNs != null) m.put("peerClosedNs", peerClosedNs);
        if (shutdownNs != null) m.put("shutdownNs", shutdownNs);
        if (preExisting) m.put("preExisting", true);
        if (!sharedWith.isEmpty()) m.put("sharedWith", sharedWith);
        if (endedBy != null) m.put("endedBy", endedBy);
        if (outcomeInferred) m.put("outcomeInferred", true);
        return m;
    }

    /**
     * The inverse of {@link #toMap()}: a connection record read back (the daemon's store keeps the
     * records a live correlator made). The outcome is taken as recorded.
     */
    @SuppressWarnings("unchecked")
    public static Connection fromMap(Map<String, Object> m) {
        Connection c = new Connection();
        c.pid = (int) num(m.get("pid"), 0);
        c.comm = str(m.get("comm"));
        c.tid = (int) num(m.get("tid"), 0);
        c.fd = (int) num(m.get("fd"), -1);
        c.inode = num(m.get("inode"), 0);
        c.netns = num(m.get("netns"), 0);
        c.cookie = m.get("cookie") instanceof String s ? Long.parseUnsignedLong(s) : 0;
        c.proto = str(m.get("proto"));
        c.local = str(m.get("local"));
        c.remote = str(m.get("remote"));
        c.peerName = str(m.get("peerName"));
        c.role = str(m.get("role"));
        c.openedNs = box(m.get("openedNs"));
        c.connectedNs = box(m.get("connectedNs"));
        c.closedNs = box(m.get("closedNs"));
        c.connectNs = box(m.get("connectNs"));
        c.bytesOut = num(m.get("bytesOut"), 0);
        c.bytesIn = num(m.get("bytesIn"), 0);
        if (m.get("kernel") instanceof Map<?, ?> k) c.kernel = KernelView.fromMap((Map<String, Object>) k);
        for (Outcome o : Outcome.values()) if (o.label().equals(m.get("outcome"))) c.outcome = o;
        c.errno = str(m.get("errno"));
        c.thread = str(m.get("thread"));
        if (m.get("stack") instanceof List<?> l) c.stack = (List<String>) l;
        c.source = str(m.get("source"));
        c.peerClosedNs = box(m.get("peerClosedNs"));
        c.shutdownNs = box(m.get("shutdownNs"));
        c.preExisting = Boolean.TRUE.equals(m.get("preExisting"));
        if (m.get("sharedWith") instanceof List<?> l) for (Object o : l) if (o instanceof Number n) c.sharedWith.add(n.intValue());
        c.endedBy = str(m.get("endedBy"));
        c.outcomeInferred = Boolean.TRUE.equals(m.get("outcomeInferred"));
        return c;
    }

    private static long num(Object o, long otherwise) {
        return o instanceof Number n ? n.longValue() : otherwise;
    }

    private static Long box(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }

    private static String str(Object o) {
        return o instanceof String s ? s : null;
    }
}
