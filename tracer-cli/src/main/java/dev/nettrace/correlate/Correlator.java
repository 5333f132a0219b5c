package dev.nettrace.correlate;

import dev.nettrace.dns.DnsAnswer;
import dev.nettrace.dns.DnsMessage;
import dev.nettrace.dns.NameBook;
import dev.nettrace.model.Event;
import dev.nettrace.netlink.InetSocket;
import dev.nettrace.netlink.SockDiag;
import dev.nettrace.os.Errno;
import dev.nettrace.procfs.ProcessFacts;
import dev.nettrace.timeline.Connection;
import dev.nettrace.timeline.Endpoint;
import dev.nettrace.timeline.Outcome;
import dev.nettrace.timeline.TcpState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds events into connections. It owns the per-process socket table: (pid, fd) to socket
 * through /proc/PID/fd, sockets keyed by (netns, inode), and each TCP socket's sock_diag cookie,
 * the key that joins destroy notifications. Addresses come from the calls, or from the socket
 * itself (a borrowed descriptor) when no call showed them; tcp_info from exact lookups, never a
 * table dump per event. Thread-safe: events, the periodic {@link #refresh()} and destroy
 * notifications arrive on different threads.
 */
public final class Correlator {
    private final KernelAccess kernel;
    private final NameBook names = new NameBook();
    private final Map<Integer, TracedProcess> processes = new HashMap<>();
    private final Map<SocketKey, TrackedSocket> byInode = new HashMap<>();
    private final Map<Long, TrackedSocket> byCookie = new HashMap<>();
    /** netns, local and remote: joins destroy notifications for sockets whose cookie we never read. */
    private final Map<String, TrackedSocket> byTuple = new HashMap<>();
    /**
     * Destroy notifications that matched nothing yet, by namespace and remote: folding may lag
     * the kernel, so a socket's last word can arrive before the calls that tell us its addresses.
     */
    private final Map<String, ArrayDeque<InetSocket>> unmatchedDestroys = new HashMap<>();
    /** Ended TCP sockets whose local address no call showed, waiting for their destroy notification. */
    private final Map<String, ArrayDeque<TrackedSocket>> awaitingDestroy = new HashMap<>();
    private static final int PENDING_PER_REMOTE = 64;
    /** Close times of TCP ends by (netns, local, remote), until the other end closes: see {@link #learnCloseOrder}. */
    private final Map<String, Long> closedEnds = new HashMap<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<DnsMark> dnsMarks = new ArrayList<>();
    private long folded;
    private volatile java.util.function.BooleanSupplier caughtUp = () -> true;

    public Correlator(KernelAccess kernel) {
        this.kernel = kernel;
    }

    /**
     * Tells the vanish check whether every event written so far has been folded (the reader is
     * waiting on an empty pipe). Until then a descriptor missing from /proc may just be a close
     * still in the pipe: the fold runs behind the program, and under load far behind.
     */
    public void caughtUp(java.util.function.BooleanSupplier check) {
        caughtUp = check;
    }

    /**
     * Subscribes to destroy notifications in our own namespace before tracing starts, so the
     * first events are not slowed down by it: short-lived programs may be gone before their
     * events are folded, and every /proc read after that finds nothing.
     */
    public void prepare() {
        if (kernel.live()) kernel.watchDestroys((int) ProcessHandle.current().pid(), this::destroyed);
    }

    // ---- events ---------------------------------------------------------------------------

    public synchronized void accept(Event e) {
        folded++;
        TracedProcess p = process(e.pid);
        if (e.op == null) return;
        if ("agent".equals(e.source)) openedByFirstCall(p, e);
        switch (e.op) {
            case "socket" -> onSocket(p, e);
            case "socketpair" -> onSocketpair(p, e);
            case "bind" -> withSocket(p, e.fd, s -> {
                if (ok(e) && e.local != null) s.local = e.local;
            });
            case "listen" -> withSocket(p, e.fd, s -> onListen(p, s, e));
            case "connect" -> onConnect(p, e);
            case "accept" -> onAccept(p, e);
            case "send", "recv" -> onTransfer(p, e);
            case "getsockopt" -> onGetsockopt(p, e);
            case "getsockname" -> withSocket(p, e.fd, s -> {
                if (ok(e) && e.local != null) learnLocal(s, e.local);
            });
            case "getpeername" -> withSocket(p, e.fd, s -> {
                if (ok(e) && e.remote != null && s.remote == null) s.remote = e.remote;
                indexTuple(s);
            });
            case "close" -> {
                TrackedSocket s = ok(e) ? p.fds.remove(e.fd) : null;
                if (s != null) release(s, e.ts, "close");
            }
            case "dup" -> onDup(p, e);
            case "shutdown" -> withSocket(p, e.fd, s -> {
                if (ok(e) && s.stream != null && s.stream.shutdownNs == null) s.stream.shutdownNs = e.ts;
            });
            case "fork" -> onFork(p, e);
            case "exec" -> onExec(p, e);
            case "exit" -> exited(e.pid, e.ts);
            case "dns" -> {
                if (e.host != null && e.answers != null) learnName(p, e.tid, e.ts, e.host, e.answers);
            }
            default -> { }
        }
    }

    /**
     * Folds a trace's "exit" record (any other record is ignored): only the leader's exit, not a
     * thread's, closes the process's descriptors. otherwiseTs stands in for a record without ts.
     */
    public void exitRecord(Map<String, Object> m, long otherwiseTs) {
        if (!"exit".equals(m.get("type")) || !(m.get("pid") instanceof Number pid)) return;
        if (m.get("tid") instanceof Number tid && !tid.equals(m.get("pid"))) return;
        exited(pid.intValue(), m.get("ts") instanceof Number ts ? ts.longValue() : otherwiseTs);
    }

    /** A traced process ended: every descriptor it held is closed at {@code ts}. */
    public synchronized void exited(int pid, long ts) {
        TracedProcess p = processes.get(pid);
        if (p == null || p.exited) return;
        p.exited = true;
        for (TrackedSocket s : new ArrayList<>(p.fds.values())) release(s, ts, "exit");
        p.fds.clear();
    }

    /** Names a process that no event named (a stored trace replayed: the store knows the name). */
    public synchronized void name(int pid, String comm) {
        TracedProcess p = process(pid);
        if (p.comm == null) p.comm = comm;
    }

    /** The name of a traced process as last seen (null if unknown). */
    public synchronized String comm(int pid) {
        TracedProcess p = processes.get(pid);
        return p == null ? null : p.comm;
    }

    public synchronized long folded() {
        return folded;
    }

    private static boolean ok(Event e) {
        return e.errno == null && (e.ret == null || e.ret >= 0);
    }

    private TracedProcess process(int pid) {
        TracedProcess p = processes.get(pid);
        if (p != null) return p;
        p = new TracedProcess(pid, kernel.netns(pid));
        processes.put(pid, p);
        if (kernel.live()) {
            p.comm = ProcessFacts.comm(pid);
            p.commandLine = ProcessFacts.commandLine(pid);
            p.parent = parentOf(pid);
            kernel.watchDestroys(pid, this::destroyed);
            TracedProcess parent = processes.get(p.parent);
            if (parent != null) inherit(parent, p);
        }
        return p;
    }

    /** Facts through OSHI for a process still running; for one that ended, what we saw while it ran. */
    private ProcessFacts facts(TracedProcess p) {
        if (p.facts == null) {
            ProcessFacts f = kernel.live() && !p.exited ? ProcessFacts.of(p.pid) : null;
            p.facts = f != null && f.name() != null ? f
                    : new ProcessFacts(p.pid, p.comm, p.commandLine, null, p.startNs / 1_000_000L, p.parent);
            if (p.comm == null) p.comm = p.facts.name();
        }
        return p.facts;
    }

    private static int parentOf(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(f[1]);
        } catch (Exception e) {
            return 0;
        }
    }

    private void inherit(TracedProcess parent, TracedProcess child) {
        if (child.inherited) return;
        child.inherited = true;
        names.inherit(parent.pid, child.pid);
        parent.fds.forEach((fd, s) -> register(child, fd, s));
    }

    private void onFork(TracedProcess parent, Event e) {
        int childPid = e.child;
        if (childPid <= 0) return;
        TracedProcess child = processes.get(childPid);
        if (child == null) {
            child = new TracedProcess(childPid, parent.netns);
            child.comm = parent.comm;
            child.commandLine = parent.commandLine;
            child.startNs = e.ts;
            processes.put(childPid, child);
        }
        child.parent = parent.pid;
        inherit(parent, child);
    }

    /** exec closed the close-on-exec descriptors; the calls that did it were not traced. */
    private void onExec(TracedProcess p, Event e) {
        if (kernel.live()) {
            String comm = ProcessFacts.comm(p.pid);
            if (comm != null) p.comm = comm;
            String cmd = ProcessFacts.commandLine(p.pid);
            if (cmd != null) p.commandLine = cmd;
            p.startNs = e.ts;
            p.facts = null;
            p.netns = kernel.refreshNetns(p.pid);
            kernel.watchDestroys(p.pid, this::destroyed);
            dropVanished(p, e.ts);
        }
    }

    private void onSocket(TracedProcess p, Event e) {
        int fd = e.newFd >= 0 ? e.newFd : e.ret != null ? e.ret.intValue() : -1;
        if (!ok(e) || fd < 0) return;
        TrackedSocket s = new TrackedSocket(p.pid, e.tid, e.ts);
        s.family = e.family;
        s.sockType = e.sockType;
        s.protocol = e.protocol;
        s.inode = e.inode;
        register(p, fd, s);
    }

    private void onSocketpair(TracedProcess p, Event e) {
        if (!ok(e) || e.fd < 0 || e.newFd < 0) return;
        TrackedSocket a = new TrackedSocket(p.pid, e.tid, e.ts), b = new TrackedSocket(p.pid, e.tid, e.ts);
        for (TrackedSocket s : List.of(a, b)) {
            s.family = e.family == null ? "AF_UNIX" : e.family;
            s.sockType = e.sockType;
        }
        register(p, e.fd, a);
        register(p, e.newFd, b);
        a.stream = newConnection(a, p, e, e.fd, "client");
        b.stream = newConnection(b, p, e, e.newFd, "client");
        a.stream.connectedNs = b.stream.connectedNs = e.ts;
        a.stream.remote = "socketpair:" + b.inode;
        b.stream.remote = "socketpair:" + a.inode;
    }

    private void onListen(TracedProcess p, TrackedSocket s, Event e) {
        if (!ok(e) || s.listening) return;
        s.listening = true;
        if (s.local == null) identifyInto(p, e.fd, s);
        s.stream = newConnection(s, p, e, e.fd, "listener");
    }

    private void onConnect(TracedProcess p, Event e) {
        TrackedSocket s = socketFor(p, e.fd, e);
        if (s == null) return;
        long end = e.ts + (e.durNs == null ? 0 : e.durNs);
        if (s.isDatagram()) {
            if (!ok(e)) return;
            s.remote = e.remote;
            Connection c = flow(p, s, e, e.remote);
            if (c.connectedNs == null) c.connectedNs = end;
            if (s.local == null) identifyInto(p, e.fd, s);
            c.local = s.local;
            return;
        }
        Connection c = s.stream;
        if (c == null || (!c.isConnecting() && !"EISCONN".equals(e.errno) && !"EALREADY".equals(e.errno))) {
            c = newConnection(s, p, e, e.fd, "client");
            s.stream = c;
            s.remote = e.remote;
            c.remote = e.remote;
            c.connectStartNs = e.ts;
        }
        String err = e.errno;
        if (ok(e)) {
            connected(c, end);
        } else if ("EINPROGRESS".equals(err) || "EALREADY".equals(err) || ("EAGAIN".equals(err) && s.isUnix())) {
            // resolved later: SO_ERROR, the first I/O, or a close while still connecting
        } else if ("EISCONN".equals(err)) {
            if (c.isConnecting()) connected(c, e.ts);
        } else {
            failed(c, err, end);
        }
        // the agent reports the address the connect bound; a syscall source leaves it to the socket
        if (e.local != null && !isWildcard(e.local)) s.local = e.local;
        if (c.outcome == null && !s.isUnix()) identifyInto(p, e.fd, s);
        c.local = s.local;
        indexTuple(s);
    }

    private void onAccept(TracedProcess p, Event e) {
        int fd = e.newFd >= 0 ? e.newFd : e.ret != null ? e.ret.intValue() : -1;
        if (!ok(e) || fd < 0) return;
        TrackedSocket listener = socketFor(p, e.fd, e);
        long at = e.ts + (e.durNs == null ? 0 : e.durNs);
        TrackedSocket s = new TrackedSocket(p.pid, e.tid, at);
        if (listener != null) {
            s.family = listener.family;
            s.sockType = listener.sockType;
            s.protocol = listener.protocol;
            s.local = listener.local;
        }
        if (e.family != null) s.family = e.family;
        s.remote = e.remote;
        s.inode = e.inode;
        register(p, fd, s);
        if (!s.isUnix()) identifyInto(p, fd, s);
        Connection c = newConnection(s, p, e, fd, "server");
        c.connectedNs = at;
        s.stream = c;
        indexTuple(s);
    }

    private void onDup(TracedProcess p, Event e) {
        if (!ok(e) || e.newFd < 0) return;
        TrackedSocket s = p.fds.get(e.fd);
        if (s == null) return;
        TrackedSocket old = p.fds.remove(e.newFd);
        if (old != null && old != s) release(old, e.ts, "close");
        if (old != s) register(p, e.newFd, s);
    }

    private void onGetsockopt(TracedProcess p, Event e) {
        // a source that does not name the option: on a connecting socket it is SO_ERROR in practice
        if (!ok(e) || (e.optname != null && !e.optname.equals("SO_ERROR"))) return;
        TrackedSocket s = p.fds.get(e.fd);
        Connection c = s == null ? null : s.stream;
        if (c == null || !c.isConnecting()) return;
        String err = soError(e.optval);
        if (err == null) {
            connected(c, e.ts);
        } else if (!err.isEmpty()) {
            failed(c, err, e.ts);
        } else {
            resolveFromKernel(p, e, s, c);
        }
    }

    /** SO_ERROR's value: null for 0 (connected), an errno name, or "" when the source did not say. */
    static String soError(Object v) {
        if (v == null) return "";
        if (v instanceof Number n) return n.intValue() == 0 ? null : Errno.name(n.intValue());
        String t = v.toString().trim();
        if (t.equals("0") || t.equals("[0]")) return null;
        t = t.replace("[", "").replace("]", "");
        return t.isEmpty() ? "" : t;
    }

    /**
     * A source that does not report SO_ERROR's value: the socket's state tells connected from
     * failed, but not why it failed. Failing before the first SYN retransmission (1 s) means the
     * peer answered, with a reset (refused); later, the SYNs went unanswered (timeout).
     */
    private void resolveFromKernel(TracedProcess p, Event e, TrackedSocket s, Connection c) {
        c.soErrorNs = e.ts;
        KernelAccess.Identity id = kernel.identify(p.pid, e.fd);
        if (id == null || id.tcp() == null) return; // decided by what the process does next
        c.kernel = id.tcp();
        TcpState st = id.tcp().state();
        if (st == TcpState.ESTABLISHED || st == TcpState.CLOSE_WAIT) {
            connected(c, e.ts);
        } else if (st == TcpState.CLOSE) {
            inferFailure(c);
        }
    }

    /** The connect failed and nobody told us why: see {@link #resolveFromKernel}. */
    private static void inferFailure(Connection c) {
        failed(c, c.soErrorNs - c.connectStartNs < 1_000_000_000L ? "ECONNREFUSED" : "ETIMEDOUT", c.soErrorNs);
        c.outcomeInferred = true;
    }

    private void onTransfer(TracedProcess p, Event e) {
        TrackedSocket s = socketFor(p, e.fd, e);
        if (s == null) return;
        boolean out = e.op.equals("send");
        Connection c;
        if (s.isDatagram()) {
            String remote = e.remote != null ? e.remote : s.remote;
            c = flow(p, s, e, remote);
        } else {
            c = s.stream != null ? s.stream : adoptStream(p, s, e);
        }
        if (!ok(e)) {
            String err = e.errno;
            if (err == null || err.equals("EAGAIN") || err.equals("EWOULDBLOCK") || err.equals("EINTR")) return;
            if (c.isConnecting()) {
                failed(c, err, e.ts);
            } else if (c.outcome == null && Outcome.ofErrno(err) != null) {
                c.outcome = Outcome.ofErrno(err);
                c.errno = err;
            }
            return;
        }
        if (c.isConnecting()) connected(c, c.soErrorNs != null ? c.soErrorNs : e.ts);
        long n = e.bytes != null ? e.bytes : e.ret != null ? e.ret : 0;
        if (out) {
            c.bytesOut += n;
            c.callsOut++;
        } else {
            c.bytesIn += n;
            c.callsIn++;
            if (n == 0 && !s.isDatagram() && c.peerClosedNs == null) c.peerClosedNs = e.ts;
            if (e.data != null) {
                Endpoint from = Endpoint.parse(e.remote != null ? e.remote : s.remote);
                if (from != null && from.port() == 53) {
                    DnsAnswer a = DnsMessage.parseHex(e.data);
                    if (a != null) learnName(p, e.tid, e.ts, a.question(), a.addresses());
                }
            }
        }
    }

    private void learnName(TracedProcess p, int tid, long ts, String name, List<String> answers) {
        names.learn(p.pid, name, answers);
        dnsMarks.add(new DnsMark(p.pid, tid, ts, name, List.copyOf(answers)));
    }

    // ---- sockets and connections ----------------------------------------------------------

    private interface SocketAction {
        void apply(TrackedSocket s);
    }

    private void withSocket(TracedProcess p, int fd, SocketAction action) {
        TrackedSocket s = p.fds.get(fd);
        if (s != null) action.apply(s);
    }

    /**
     * The agent reports no socket() call (the JDK creates descriptors inside its own code) but
     * names the socket's family (and, from its first call that knows it, type) in its calls: a
     * descriptor's first call opens it. This also keeps sockets whose descriptor is closed before
     * the event is folded (a refused connect).
     */
    private void openedByFirstCall(TracedProcess p, Event e) {
        if (e.fd < 0 || (e.family == null && e.sockType == null) || e.op.equals("close")) return;
        TrackedSocket s = p.fds.get(e.fd);
        if (s == null) {
            s = new TrackedSocket(p.pid, e.tid, e.ts);
            register(p, e.fd, s);
        }
        if (s.family == null) s.family = e.family;
        if (s.sockType == null && e.sockType != null) {
            s.sockType = e.sockType;
            s.protocol = e.protocol;
        }
    }

    /** The socket behind (pid, fd); a socket that predates what we saw is adopted through /proc and the socket itself. */
    private TrackedSocket socketFor(TracedProcess p, int fd, Event e) {
        TrackedSocket s = p.fds.get(fd);
        if (s != null || fd < 0) return s;
        long inode = kernel.inode(p.pid, fd);
        if (inode == 0 && kernel.live()) return null; // not a socket, or already closed: nothing to attach the call to
        s = byInode.get(new SocketKey(p.netns, inode));
        if (s == null) {
            s = new TrackedSocket(p.pid, e.tid, null);
            s.family = e.family;
            s.sockType = e.sockType;
            KernelAccess.Identity id = kernel.identify(p.pid, fd);
            if (id != null) {
                if (s.family == null && id.local() != null) s.family = id.local().isIpv6() ? "AF_INET6" : "AF_INET";
                if (s.sockType == null && id.tcp() != null) s.sockType = "SOCK_STREAM";
                if (s.sockType == null && id.local() != null) s.sockType = "SOCK_DGRAM";
            }
        }
        register(p, fd, s);
        return s;
    }

    private void register(TracedProcess p, int fd, TrackedSocket s) {
        TrackedSocket old = p.fds.put(fd, s);
        if (old == s) return;
        if (old != null) release(old, s.openedNs == null ? now() : s.openedNs, "close");
        s.holders++;
        if (s.netns == 0) s.netns = p.netns;
        if (s.inode == 0) s.inode = kernel.inode(p.pid, fd);
        if (s.inode != 0) byInode.putIfAbsent(new SocketKey(s.netns, s.inode), s);
        if (p.pid != s.ownerPid && !s.sharers.contains(p.pid)) {
            s.sharers.add(p.pid);
            for (Connection c : s.connections()) c.sharedWith.add(p.pid);
        }
    }

    /** One holder let go; when the last one does, the socket is gone. */
    private void release(TrackedSocket s, long ts, String how) {
        if (--s.holders > 0) return;
        end(s, ts, how);
    }

    private void end(TrackedSocket s, long ts, String how) {
        s.holders = 0;
        byInode.remove(new SocketKey(s.netns, s.inode));
        for (Connection c : s.connections()) {
            if (c.closedNs != null) continue;
            if (c.isTcp() && c.outcome == null) finalKernelView(s, c);
            if (c.isTcp() && c.kernel == null && s.local == null) joinDestroyByCounters(s, c);
            if (c.isTcp()) learnCloseOrder(s, c, ts);
            c.closedNs = ts;
            c.endedBy = how;
            // closed right after asking SO_ERROR, without one successful call: the connect had failed
            if (c.isConnecting() && c.soErrorNs != null) inferFailure(c);
            if (c.isConnecting()) c.outcome = Outcome.ABANDONED;
        }
    }

    /**
     * Where both ends of a TCP connection are traced (a loopback pair), the end closed first is
     * the other end's peer close, whether or not that end read the FIN before closing: a client
     * that has the whole response closes without reading on (HttpClient after Connection: close).
     */
    private void learnCloseOrder(TrackedSocket s, Connection c, long ts) {
        Endpoint local = Endpoint.parse(c.local), remote = Endpoint.parse(c.remote);
        String peer = tupleKey(s.netns, remote, local);
        Long peerClosed = peer == null ? null : closedEnds.remove(peer);
        if (peerClosed != null) {
            // an entry older than this connection is an earlier one's that reused the addresses
            if (c.peerClosedNs == null && c.connectedNs != null && peerClosed >= c.connectedNs && peerClosed <= ts) c.peerClosedNs = peerClosed;
            return;
        }
        String mine = tupleKey(s.netns, local, remote);
        if (mine != null) closedEnds.put(mine, ts);
    }

    /** A socket gone before we read its local address: its destroy notification may be waiting, or come later. */
    private void joinDestroyByCounters(TrackedSocket s, Connection c) {
        String rk = remoteKey(s.netns, c.remote);
        InetSocket x = take(unmatchedDestroys, rk, d -> countersFit(s, d));
        if (x != null) applyDestroy(s.netns, s, x);
        else keep(awaitingDestroy, rk, s);
    }

    /**
     * Where no destroy notification will bring the last tcp_info: one exact lookup now, which
     * still finds a socket lingering in FIN_WAIT or CLOSE_WAIT after the process let it go.
     */
    private void finalKernelView(TrackedSocket s, Connection c) {
        if (!kernel.live() || kernel.watchingDestroys(s.netns)) return;
        kernel.lookup(s.ownerPid, SockDiag.Proto.TCP, Endpoint.parse(c.local), Endpoint.parse(c.remote))
                .filter(x -> x.tcp() != null)
                .ifPresent(x -> c.kernel = x.tcp());
    }

    private Connection newConnection(TrackedSocket s, TracedProcess p, Event e, int fd, String role) {
        TracedProcess owner = processes.getOrDefault(s.ownerPid, p);
        Connection c = new Connection();
        c.pid = s.ownerPid;
        c.comm = owner.comm;
        c.tid = s.ownerTid != 0 ? s.ownerTid : e.tid;
        c.fd = fd;
        c.inode = s.inode;
        c.netns = s.netns;
        c.cookie = s.cookie;
        c.proto = s.proto();
        c.local = s.local;
        c.remote = s.remote;
        c.role = role;
        c.openedNs = s.openedNs;
        c.source = e.source;
        c.thread = e.thread;
        c.stack = e.stack;
        c.sharedWith.addAll(s.sharers);
        connections.add(c);
        return c;
    }

    /** The UDP (or raw) flow of this socket to {@code remote}, created at its first packet. */
    private Connection flow(TracedProcess p, TrackedSocket s, Event e, String remote) {
        String key = remote == null ? "" : remote;
        Connection c = s.flows.get(key);
        if (c == null) {
            if (s.local == null && !s.isUnix()) identifyInto(p, e.fd, s);
            c = newConnection(s, p, e, e.fd, "flow");
            c.remote = remote;
            c.openedNs = s.flows.isEmpty() && s.openedNs != null ? s.openedNs : Long.valueOf(e.ts);
            s.flows.put(key, c);
        }
        if (c.local == null) c.local = s.local;
        return c;
    }

    /** A stream socket we first meet doing I/O (inherited, or created before tracing). */
    private Connection adoptStream(TracedProcess p, TrackedSocket s, Event e) {
        if (s.remote == null || s.local == null) identifyInto(p, e.fd, s);
        s.stream = newConnection(s, p, e, e.fd, "client");
        return s.stream;
    }

    /** Local address, cookie and tcp_info from the socket itself, for what the calls did not show. */
    private void identifyInto(TracedProcess p, int fd, TrackedSocket s) {
        KernelAccess.Identity id = kernel.identify(p.pid, fd);
        if (id == null) return;
        if (id.local() != null) learnLocal(s, id.local().toString());
        if (s.remote == null && id.remote() != null) s.remote = id.remote().toString();
        if (id.cookie() != 0 && s.cookie == 0) {
            s.cookie = id.cookie();
            byCookie.put(s.cookie, s);
        }
        for (Connection c : s.connections()) {
            if (c.cookie == 0) c.cookie = s.cookie;
            if (id.tcp() != null && c.closedNs == null) c.kernel = id.tcp();
        }
    }

    private void learnLocal(TrackedSocket s, String local) {
        s.local = local;
        for (Connection c : s.connections()) if (c.local == null || isWildcard(c.local)) c.local = local;
        indexTuple(s);
    }

    private void indexTuple(TrackedSocket s) {
        Endpoint local = Endpoint.parse(s.local);
        String k = tupleKey(s.netns, local, Endpoint.parse(s.remote));
        if (k == null) return;
        byTuple.put(k, s);
        InetSocket early = take(unmatchedDestroys, remoteKey(s.netns, s.remote), x -> local.equals(x.local()));
        if (early != null) applyDestroy(s.netns, s, early);
    }

    private static String remoteKey(long netns, String remote) {
        Endpoint r = Endpoint.parse(remote);
        return r == null ? null : netns + " " + r;
    }

    private static <T> T take(Map<String, ArrayDeque<T>> pending, String key, java.util.function.Predicate<T> match) {
        ArrayDeque<T> q = key == null ? null : pending.get(key);
        if (q == null) return null;
        for (var it = q.iterator(); it.hasNext(); ) {
            T t = it.next();
            if (match.test(t)) {
                it.remove();
                if (q.isEmpty()) pending.remove(key);
                return t;
            }
        }
        return null;
    }

    private static <T> void keep(Map<String, ArrayDeque<T>> pending, String key, T t) {
        if (key == null) return;
        ArrayDeque<T> q = pending.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (q.size() == PENDING_PER_REMOTE) q.removeFirst();
        q.addLast(t);
    }

    /**
     * Whether a destroyed socket's final counters fit what the calls moved on this connection
     * (the kernel counts SYN and FIN in its sequence space, one each): how a socket whose local
     * address we never learned is told apart from others to the same peer.
     */
    private static boolean countersFit(TrackedSocket s, InetSocket x) {
        Connection c = s.stream;
        if (c == null || x.tcp() == null) return false;
        long acked = x.tcp().bytesAcked(), received = x.tcp().bytesReceived();
        return acked >= c.bytesOut && acked <= c.bytesOut + 2 && received >= c.bytesIn && received <= c.bytesIn + 1;
    }

    private static String tupleKey(long netns, Endpoint local, Endpoint remote) {
        if (local == null || remote == null || local.port() == 0 || remote.port() == 0) return null;
        return netns + " " + local + " " + remote;
    }

    private static boolean isWildcard(String ep) {
        Endpoint e = Endpoint.parse(ep);
        return e != null && (e.address().isAnyLocalAddress() || e.port() == 0);
    }

    private static void connected(Connection c, long at) {
        c.connectedNs = at;
        if (c.connectStartNs != null) c.connectNs = at - c.connectStartNs;
    }

    private static void failed(Connection c, String errno, long at) {
        c.errno = errno;
        Outcome o = Outcome.ofErrno(errno);
        c.outcome = o == null ? Outcome.UNREACHABLE : o == Outcome.RESET && c.connectedNs == null ? Outcome.REFUSED : o;
        if (c.connectStartNs != null) c.connectNs = at - c.connectStartNs;
    }

    // ---- what no call shows ---------------------------------------------------------------

    /** The sockets a process already had when tracing began (attach): open, marked pre-existing. */
    public synchronized void snapshot(int pid) {
        TracedProcess p = process(pid);
        Map<Integer, Integer> listeningPorts = new HashMap<>();
        List<SocketEntry> entries = new ProcessSockets(kernel).of(pid);
        for (SocketEntry se : entries) {
            if (se.inet() != null && se.inet().state() == TcpState.LISTEN) listeningPorts.put(se.inet().local().port(), se.fd());
        }
        for (SocketEntry se : entries) {
            if (p.fds.containsKey(se.fd()) || (se.inet() == null && se.row() == null)) continue;
            TrackedSocket s = new TrackedSocket(pid, pid, null);
            String role;
            if (se.inet() != null) {
                InetSocket i = se.inet();
                s.family = i.family() == 10 ? "AF_INET6" : "AF_INET";
                s.sockType = i.isTcp() ? "SOCK_STREAM" : "SOCK_DGRAM";
                s.local = i.local().toString();
                boolean hasRemote = i.remote().port() != 0;
                s.remote = hasRemote ? i.remote().toString() : null;
                s.cookie = i.cookie();
                if (s.cookie != 0) byCookie.put(s.cookie, s);
                role = !i.isTcp() ? "flow" : i.state() == TcpState.LISTEN ? "listener"
                        : listeningPorts.containsKey(i.local().port()) ? "server" : "client";
                s.listening = role.equals("listener");
            } else {
                s.family = se.row().proto().equals("unix") ? "AF_UNIX" : se.row().proto().endsWith("6") ? "AF_INET6" : "AF_INET";
                s.sockType = se.row().proto().equals("unix") ? (se.row().unixType() == 2 ? "SOCK_DGRAM" : "SOCK_STREAM") : "SOCK_RAW";
                s.local = se.row().path() != null ? se.row().path() : se.row().local() != null ? se.row().local().toString() : null;
                role = se.row().proto().equals("unix") ? (se.row().state() == 3 ? "client" : "listener") : "flow";
            }
            register(p, se.fd(), s);
            Event origin = new Event();
            origin.source = "procfs";
            origin.tid = pid;
            Connection c = newConnection(s, p, origin, se.fd(), role);
            c.preExisting = true;
            if (se.inet() != null) c.kernel = se.inet().tcp();
            if (role.equals("flow")) s.flows.put(s.remote == null ? "" : s.remote, c);
            else s.stream = c;
        }
    }

    /**
     * Periodic check of what no call shows: TCP state and counters by exact lookup (CLOSE_WAIT:
     * the peer closed), and sockets that vanished from a process's descriptors.
     */
    public synchronized void refresh() {
        if (!kernel.live()) return;
        long now = now();
        boolean idle = caughtUp.getAsBoolean();
        Map<Long, VanishSuspect> suspects = new HashMap<>();
        for (TracedProcess p : processes.values()) {
            if (p.exited) continue;
            for (Map.Entry<Integer, TrackedSocket> fe : new ArrayList<>(p.fds.entrySet())) {
                TrackedSocket s = fe.getValue();
                long there = kernel.inode(p.pid, fe.getKey());
                // inode unknown (the fold was late): any socket at that descriptor is ours, since
                // once caught up we would have folded the call that put another one there
                if (s.inode != 0 ? there == s.inode : there != 0) continue;
                long key = (long) p.pid << 32 | fe.getKey();
                VanishSuspect before = vanishSuspects.get(key);
                if (before != null && before.socket() == s && before.folded() == folded && idle) {
                    p.fds.remove(fe.getKey());
                    release(s, now, "vanished");
                } else {
                    suspects.put(key, new VanishSuspect(s, folded));
                }
            }
        }
        vanishSuspects.clear();
        vanishSuspects.putAll(suspects);
        for (TrackedSocket s : new ArrayList<>(byInode.values())) {
            Connection c = s.stream;
            if (c == null || !c.isTcp() || c.closedNs != null || "listener".equals(c.role) || c.outcome != null) continue;
            kernel.lookup(s.ownerPid, SockDiag.Proto.TCP, Endpoint.parse(c.local), Endpoint.parse(c.remote)).ifPresent(x -> {
                if (x.tcp() != null) c.kernel = x.tcp();
                if (c.cookie == 0 && x.cookie() != 0) {
                    c.cookie = s.cookie = x.cookie();
                    byCookie.put(x.cookie(), s);
                }
                if (x.state() == TcpState.CLOSE_WAIT && c.peerClosedNs == null) c.peerClosedNs = now;
            });
        }
    }

    /**
     * A descriptor gone from /proc is only vanished (closed by a call we do not trace) once a
     * whole refresh passed with nothing folded and the fold waiting for input: until then the
     * close may be an event that the fold, running behind the program, has not reached yet.
     */
    private record VanishSuspect(TrackedSocket socket, long folded) {}

    private final Map<Long, VanishSuspect> vanishSuspects = new HashMap<>();

    /** exec closed the close-on-exec descriptors: the kernel did it, no call will tell us. */
    private void dropVanished(TracedProcess p, long ts) {
        for (Map.Entry<Integer, TrackedSocket> fe : new ArrayList<>(p.fds.entrySet())) {
            TrackedSocket s = fe.getValue();
            if (s.inode != 0 && kernel.inode(p.pid, fe.getKey()) != s.inode) {
                p.fds.remove(fe.getKey());
                release(s, ts, "vanished");
            }
        }
    }

    /** The kernel's last word on a socket: its final tcp_info (and cookie and local address, if we lacked them). */
    synchronized void destroyed(long netns, InetSocket x) {
        TrackedSocket s = byCookie.get(x.cookie());
        String k = tupleKey(netns, x.local(), x.remote());
        if (s == null && k != null) s = byTuple.get(k);
        String rk = remoteKey(netns, x.remote().toString());
        if (s == null) s = take(awaitingDestroy, rk, t -> countersFit(t, x));
        if (s == null) keep(unmatchedDestroys, rk, x);
        else applyDestroy(netns, s, x);
    }

    private void applyDestroy(long netns, TrackedSocket s, InetSocket x) {
        if (s.local == null) learnLocal(s, x.local().toString());
        byCookie.remove(x.cookie());
        String k = tupleKey(netns, x.local(), x.remote());
        if (k != null && byTuple.get(k) == s) byTuple.remove(k);
        if (s.cookie == 0) s.cookie = x.cookie();
        for (Connection c : s.connections()) {
            if (c.cookie == 0) c.cookie = x.cookie();
            if (x.tcp() != null) c.kernel = x.tcp();
            if (c.closedNs == null && c.peerClosedNs == null && x.tcp() != null && x.tcp().state() == TcpState.CLOSE_WAIT) {
                c.peerClosedNs = now();
            }
        }
        // Descriptors still held in our table: the close that the kernel already saw is on its
        // way through the event stream (or untraced: then exit or the vanish check ends it).
    }

    static long now() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    // ---- results --------------------------------------------------------------------------

    /** Connections so far, in open order (unknown open times first), with peer names filled in. */
    public synchronized List<Connection> connections() {
        for (Connection c : connections) {
            if (c.comm == null) {
                TracedProcess p = processes.get(c.pid);
                if (p != null) c.comm = p.comm != null ? p.comm : facts(p).name();
            }
            if (c.peerName == null && c.remote != null) {
                Endpoint r = Endpoint.parse(c.remote);
                NameBook.Lookup n = r == null ? null : names.name(c.pid, r.host());
                if (n != null) c.peerName = n.name();
            }
        }
        List<Connection> sorted = new ArrayList<>(connections);
        sorted.sort(Comparator.comparing((Connection c) -> c.openedNs == null ? Long.MIN_VALUE : c.openedNs));
        return sorted;
    }

    /**
     * Forgets connections that have ended once the caller has what it needs of them: a collector
     * that correlates a process for weeks must not keep every connection it ever saw.
     */
    public synchronized void forget(java.util.Collection<Connection> ended) {
        java.util.Set<Connection> gone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        gone.addAll(ended);
        connections.removeIf(gone::contains);
    }

    /**
     * Puts {@code merged} in place of the connections folded so far: a stored trace, whose records
     * kept while the process ran know more than this replay can, is rendered from the merge.
     */
    public synchronized void replaceConnections(List<Connection> merged) {
        connections.clear();
        connections.addAll(merged);
    }

    public synchronized List<ProcessFacts> processes() {
        List<ProcessFacts> out = new ArrayList<>();
        processes.values().stream().sorted(Comparator.comparingInt(p -> p.pid)).forEach(p -> out.add(facts(p)));
        return out;
    }

    public synchronized List<DnsMark> dnsMarks() {
        return List.copyOf(dnsMarks);
    }

    /** Things the user should know about the trace itself (no destroy notifications, lookups we could not see). */
    public synchronized List<String> notes() {
        List<String> out = new ArrayList<>();
        String d = kernel.destroyProblem();
        if (d != null) out.add(d);
        for (Connection c : connections) {
            if ("unix".equals(c.proto) && c.remote != null && c.remote.contains("nscd") && c.connectedNs != null) {
                out.add(c.comm + "[" + c.pid + "] asked nscd over " + c.remote + ": those name lookups are not visible");
                break;
            }
        }
        return out;
    }
}
