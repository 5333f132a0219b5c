package dev.nettrace.netlink;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The kernel's last word on each TCP and UDP socket of one network namespace: sock_diag's
 * destroy multicast groups (what `ss -E` listens to; CAP_NET_ADMIN). Each notification carries
 * the cookie and, for TCP, the final tcp_info, so byte counts and health at close need no
 * tracing of close(). Notifications arrive on background threads.
 */
public final class DestroyListener implements AutoCloseable {
    private static final int TCP4 = 1, UDP4 = 2, TCP6 = 3, UDP6 = 4;
    private static final int POLL_MS = 100;

    private final List<NetlinkSocket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    private DestroyListener() {}

    /** Subscribes in the namespace of {@code pid}; throws NetlinkException (EPERM without CAP_NET_ADMIN). */
    public static DestroyListener start(int pid, Consumer<InetSocket> sink) {
        DestroyListener l = new DestroyListener();
        try {
            l.subscribe(pid, SockDiag.Proto.TCP, TCP4, TCP6, sink);
            l.subscribe(pid, SockDiag.Proto.UDP, UDP4, UDP6, sink);
        } catch (RuntimeException e) {
            l.close();
            throw e;
        }
        return l;
    }

    private void subscribe(int pid, SockDiag.Proto proto, int group4, int group6, Consumer<InetSocket> sink) {
        NetlinkSocket nl = NetlinkSocket.openInNamespaceOf(pid, SockDiag.NETLINK_SOCK_DIAG);
        sockets.add(nl);
        nl.bind();
        nl.joinGroup(group4);
        nl.joinGroup(group6);
        nl.receiveTimeout(POLL_MS);
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    boolean got = nl.multicast((type, body) -> sink.accept(SockDiag.parse(body, proto.number)));
                    if (!got && stopping) return;
                } catch (NetlinkException e) {
                    if (stopping) return;
                    // ENOBUFS: a burst overflowed the buffer; those sockets keep their last tcp_info
                }
            }
        }, "nettrace-destroy-" + pid + "-" + proto);
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    /**
     * Stops once the queue is drained (a receive times out), so notifications already sent,
     * like those for sockets the traced process closed as it exited, are still delivered.
     */
    @Override
    public void close() {
        stopping = true;
        for (Thread t : threads) {
            try {
                t.join(2 * POLL_MS + 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sockets.forEach(NetlinkSocket::close);
    }
}
