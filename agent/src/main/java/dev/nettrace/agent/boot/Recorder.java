package dev.nettrace.agent.boot;

import dev.nettrace.wire.AgentArguments;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.SocketAddress;

/**
 * What the inlined advice calls. It lives on the bootstrap class path because the advice runs
 * inside java.base. Every method records into the preallocated {@link Ring} and returns: no
 * locks, no waiting, no allocation of its own (stacks, when asked for, excepted), no exception.
 * A call is recorded only when {@link #start()} returned non-zero for it.
 */
public final class Recorder {
    private Recorder() {}

    // The wire's own codes for these words (FrameCodec's vocabularies), so the ring holds what is sent.
    public static final int CONNECT = 1, ACCEPT = 2, BIND = 3, LISTEN = 4, SEND = 5, RECV = 6, CLOSE = 7, SETSOCKOPT = 8, DNS = 9;
    public static final int STREAM = 1, DGRAM = 2;
    static final int EAGAIN = 1, EINTR = 2, EINPROGRESS = 3;

    // sun.nio.ch.IOStatus: what the JDK's native read/write wrappers return instead of errno.
    private static final long IOSTATUS_EOF = -1, IOSTATUS_UNAVAILABLE = -2, IOSTATUS_INTERRUPTED = -3;

    private static volatile boolean active;
    private static Ring ring;
    private static boolean stacks;
    private static Thread shipper;

    /** The current tracing session; null when idle. Written only under the class lock. */
    private static Shipper session;
    /**
     * Daemon mode: events lost in this JVM's earlier daemon sessions, so that the counts a daemon
     * hears are cumulative for the process, and whether the last one ended by the daemon's
     * DETACH (then the agent stays away until asked again). Guarded by the class lock.
     */
    private static long daemonDropsBefore;
    private static boolean daemonDetached;

    /** Entry of a hooked call: its start time, or 0 when this call must not be recorded. */
    public static long start() {
        if (!active || Thread.currentThread() == shipper) return 0;
        return System.nanoTime();
    }

    /** The descriptor number now, for calls that close it before they return. */
    public static int fd(FileDescriptor fd) {
        return JdkAccess.fdVal(fd);
    }

    /** SocketDispatcher/DatagramDispatcher read and write: n is a byte count or an IOStatus code. */
    public static void transfer(int op, int sockType, FileDescriptor fd, long n, long t0, Throwable thrown) {
        Ring r = ring;
        long pos = t0 == 0 || r == null ? -1 : r.claim();
        if (pos < 0) return;
        int i = begin(r, pos, op, t0, thrown);
        r.sockType(i, sockType);
        r.fd(i, JdkAccess.fdVal(fd));
        if (thrown == null) result(r, i, n);
        r.publish(pos);
    }

    /** Unconnected UDP send/receive, and connected receive: the peer is known. */
    public static void datagram(int op, int fd, SocketAddress peer, long n, long t0, Throwable thrown) {
        Ring r = ring;
        long pos = t0 == 0 || r == null ? -1 : r.claim();
        if (pos < 0) return;
        int i = begin(r, pos, op, t0, thrown);
        r.sockType(i, DGRAM);
        r.fd(i, fd);
        r.remote(i, peer);
        if (thrown == null) result(r, i, n);
        r.publish(pos);
    }

    /** UDP receive: the sender is decoded from the channel's source sockaddr buffer (a NativeSocketAddress). */
    public static void received(Object sourceSockAddr, int fd, boolean connected, SocketAddress connectedPeer, long n, long t0, Throwable thrown) {
        if (t0 == 0) return;
        SocketAddress peer = connected ? connectedPeer : thrown == null && n >= 0 ? JdkAccess.datagramSender(sourceSockAddr) : null;
        datagram(RECV, fd, peer, n, t0, thrown);
    }

    private static void result(Ring r, int i, long n) {
        if (n >= 0) {
            r.ret(i, n);
            r.bytes(i, n);
        } else if (n == IOSTATUS_EOF) {
            r.ret(i, 0);
            r.bytes(i, 0);
        } else {
            r.ret(i, -1);
            r.errno(i, n == IOSTATUS_UNAVAILABLE ? EAGAIN : n == IOSTATUS_INTERRUPTED ? EINTR : 0);
        }
    }

    /**
     * A connect that finished (pending=false: connected or failed) or is still in progress
     * (non-blocking, pending=true). The local address is read from the socket when not given.
     */
    public static void connect(int sockType, int fd, SocketAddress remote, SocketAddress local, FileDescriptor fdForLocal,
                               boolean pending, long t0, Throwable thrown) {
        Ring r = ring;
        long pos = t0 == 0 || r == null ? -1 : r.claim();
        if (pos < 0) return;
        int i = begin(r, pos, CONNECT, t0, thrown);
        r.sockType(i, sockType);
        r.fd(i, fd);
        r.remote(i, remote);
        if (thrown == null) {
            r.local(i, local != null ? local : JdkAccess.localAddress(fdForLocal));
            if (pending) {
                r.ret(i, -1);
                r.errno(i, EINPROGRESS);
            }
        }
        withStack(r, i);
        r.publish(pos);
    }

    /** An asynchronous connect resolved; a failure's exception went to the application's handler. */
    public static void asyncConnected(int fd, SocketAddress remote, SocketAddress local, boolean connected, long t0) {
        Ring r = ring;
        long pos = t0 == 0 || r == null ? -1 : r.claim();
        if (pos < 0) return;
        int i = begin(r, pos, CONNECT, t0, null);
        r.sockType(i, STREAM);
        r.fd(i, fd);
        r.remote(i, remote);
        r.local(i, local);
        if (!connected) r.ret(i, -1);
        withStack(r, i);
        r.publish(pos);
    }

    public static void bind(FileDescriptor fd, Object address, int port, long t0, Throwable thrown) {
        Ring r = ring;
        long pos = t0 == 0 || r == null ? -1 : r.claim();
        if (pos < 0) return;
        int i = begin(r, pos, BIND, t0, thrown);
        r.fd(i, JdkAccess.fdVal(fd));
        SocketAddress bound = thrown == null ? JdkAccess.localAddress(fd) : null;
        r.local(i, bound != null ? bound : address);
        r.localPort(i, port);
        withStack(r, i);
        r.publish(pos);
    }

    public static void listen(int fd, int backlog, long t0, Throwable thrown) {
        Ring r = ring;
        long pos = t0 == 0 || r == null ? -1 : r.claim();
        if (pos < 0) return;
        int i = begin(r, pos, LISTEN, t0, thrown);
        r.sockType(i, STREAM);
        r.fd(i, fd);
        r.argument(i, backlog);
        r.publish(pos);
    }

    public static void accept(int listenFd, FileDescriptor accepted, SocketAddress remote, long t0, Throwable thrown) {
        Ring r = ring;
        long pos = t0 == 0 || r == null ? -1 : r.claim();
        if (pos < 0) return;
        int i = begin(r, pos, ACCEPT, t0, thrown);
        r.sockType(i, STREAM);
        r.fd(i, listenFd);
        if (thrown == null) {
            int newFd = JdkAccess.fdVal(accepted);
            r.newFd(i, newFd);
            r.ret(i, newFd);
            r.remote(i, remote);
            r.local(i, JdkAccess.localAddress(accepted));
        }
        withStack(r, i);
        r.publish(pos);
    }

    /** ServerSocket.accept: the accepted socket's fields hold its descriptor and peer. */
    public static void acceptInto(int listenFd, Object socketImpl, long t0, Throwable thrown) {
        if (t0 == 0) return;
        accept(listenFd, thrown == null ? JdkAccess.implFd(socketImpl) : null,
                thrown == null ? JdkAccess.implRemote(socketImpl) : null, t0, thrown);
    }

    public static void close(int fd, long t0, Throwable thrown) {
        Ring r = ring;
        long pos = t0 == 0 || r == null ? -1 : r.claim();
        if (pos < 0) return;
        int i = begin(r, pos, CLOSE, t0, thrown);
        r.fd(i, fd);
        r.publish(pos);
    }

    /** option: a java.net.SocketOption, or the name of a legacy option (SO_TIMEOUT). */
    public static void setOption(int fd, Object option, Object value, long t0, Throwable thrown) {
        Ring r = ring;
        long pos = t0 == 0 || r == null ? -1 : r.claim();
        if (pos < 0) return;
        int i = begin(r, pos, SETSOCKOPT, t0, thrown);
        r.fd(i, fd);
        r.detail(i, option);
        r.value(i, value);
        r.publish(pos);
    }

    public static void dns(String host, Object answers, long t0, Throwable thrown) {
        Ring r = ring;
        long pos = t0 == 0 || r == null ? -1 : r.claim();
        if (pos < 0) return;
        int i = begin(r, pos, DNS, t0, thrown);
        r.detail(i, host);
        r.value(i, answers);
        withStack(r, i);
        r.publish(pos);
    }

    private static int begin(Ring r, long pos, int op, long t0, Throwable thrown) {
        long end = System.nanoTime();
        int i = r.slot(pos);
        ThreadFacts facts = ThreadFacts.CURRENT.get();
        r.reset(i, op, t0, end - t0, Thread.currentThread().getName(), facts.tid, facts.virtual, thrown);
        return i;
    }

    private static void withStack(Ring r, int i) {
        if (stacks) r.stack(i, new Throwable());
    }

    /**
     * Starts a session: connects to the collector (an IOException means nobody listens there).
     * Nothing is recorded or sent until {@link #go()}: the collector's hello means the hooks
     * are in. The session then lasts until the collector goes away, asks us to detach, or the
     * JVM exits; onStop runs (on the shipping thread) once recording has stopped, to take the
     * hooks out again.
     */
    public static synchronized void begin(AgentArguments args, Runnable onStop) throws IOException {
        if (session != null) throw new IllegalStateException("this JVM is already being traced by nettrace");
        Shipper s = Shipper.connect(args.socket(), args.ringSize(), args.daemon() ? daemonDropsBefore : -1, onStop);
        ring = s.ring();
        stacks = args.stacks();
        session = s;
        shipper = s.thread();
    }

    /** The hooks are in: record from now on, and say hello. */
    public static synchronized void go() {
        active = true;
        session.startShipping();
    }

    /** The hooks could not be put in: the session ends before it started. */
    public static synchronized void abandon() {
        Shipper s = session;
        s.abandon();
        ended(s, -1, false);
    }

    /** Called by the shipper: no call is recorded from now on. */
    static void deactivate() {
        active = false;
    }

    /**
     * Called by the shipper once it has sent its last frame: a new session may begin. A daemon
     * session leaves its drop total (dropsSoFar, -1 for others) and whether it was detached.
     */
    static synchronized void ended(Shipper s, long dropsSoFar, boolean detached) {
        if (session == s) {
            session = null;
            shipper = null;
            ring = null; // a call still recording holds its own reference
            if (dropsSoFar >= 0) {
                daemonDropsBefore = dropsSoFar;
                daemonDetached = detached;
            }
            Recorder.class.notifyAll();
        }
    }

    /** Waits until no session runs; true when the last daemon session ended by the daemon's DETACH. */
    public static synchronized boolean awaitIdle() throws InterruptedException {
        while (session != null) Recorder.class.wait();
        return daemonDetached;
    }

    /**
     * Tells the collector named in the agent arguments why this agent did not start. A daemon is
     * not told: it expects a hello, and the line on stderr is the report.
     */
    public static void refuse(String agentArgs, String why) throws IOException {
        AgentArguments args = AgentArguments.parse(agentArgs);
        if (!args.daemon()) Shipper.tellAndClose(args.socket(), why);
    }

    public static synchronized boolean isTracing() {
        return session != null;
    }
}
