package dev.nettrace.correlate;

import dev.nettrace.netlink.BorrowedSocket;
import dev.nettrace.netlink.DestroyListener;
import dev.nettrace.netlink.InetSocket;
import dev.nettrace.netlink.NetlinkException;
import dev.nettrace.netlink.SockDiag;
import dev.nettrace.os.Netns;
import dev.nettrace.procfs.ProcFds;
import dev.nettrace.timeline.Endpoint;
import dev.nettrace.timeline.KernelView;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The correlator's window on the kernel, per network namespace: one sock_diag socket for exact
 * lookups and one destroy subscription each, opened on first use inside the namespace of the
 * process that needed them. Every method degrades to "unknown" (null, empty, 0) instead of
 * failing: enrichment must never stop a trace.
 */
public final class KernelAccess implements AutoCloseable {
    private final Map<Long, SockDiag> diags = new HashMap<>();
    private final Map<Long, DestroyListener> destroyListeners = new HashMap<>();
    private final Map<Integer, Long> netnsOfPid = new HashMap<>();
    private final boolean live;
    private String destroyProblem;

    /** @param live false to fold events without touching /proc or netlink (replaying a saved trace). */
    public KernelAccess(boolean live) {
        this.live = live;
    }

    public boolean live() {
        return live;
    }

    public synchronized long netns(int pid) {
        if (!live) return 0;
        Long n = netnsOfPid.get(pid);
        if (n == null || n == 0) {
            n = Netns.inode(pid);
            netnsOfPid.put(pid, n);
        }
        return n;
    }

    /** Forgets what we knew of {@code pid}'s namespace (after exec) and reads it again. */
    public synchronized long refreshNetns(int pid) {
        Long before = netnsOfPid.remove(pid);
        long now = netns(pid);
        if (now == 0 && before != null) netnsOfPid.put(pid, now = before); // gone already: keep what we knew
        return now;
    }

    public long inode(int pid, int fd) {
        return live ? ProcFds.socketInode(pid, fd) : 0;
    }

    /** What the socket behind {@code pid}'s {@code fd} says about itself; null if it is gone. */
    public Identity identify(int pid, int fd) {
        if (!live) return null;
        try (BorrowedSocket s = BorrowedSocket.borrow(pid, fd)) {
            return new Identity(s.local(), s.remote(), s.cookie(), s.tcpInfo());
        } catch (NetlinkException | UnsatisfiedLinkError e) {
            return null;
        }
    }

    public record Identity(Endpoint local, Endpoint remote, long cookie, KernelView tcp) {}

    /** Exact sock_diag lookup in {@code pid}'s namespace. */
    public Optional<InetSocket> lookup(int pid, SockDiag.Proto proto, Endpoint local, Endpoint remote) {
        SockDiag d = diag(pid);
        if (d == null || local == null || remote == null) return Optional.empty();
        try {
            return d.lookup(proto, local, remote);
        } catch (NetlinkException e) {
            return Optional.empty();
        }
    }

    /** The sock_diag socket of {@code pid}'s namespace, opened on first use; null if impossible. */
    public synchronized SockDiag diag(int pid) {
        long ns = netns(pid);
        if (ns == 0) return null;
        SockDiag d = diags.get(ns);
        if (d == null && !diags.containsKey(ns)) {
            try {
                d = SockDiag.openInNamespaceOf(pid);
            } catch (NetlinkException | UnsatisfiedLinkError e) {
                d = null;
            }
            diags.put(ns, d);
        }
        return d;
    }

    /** Receives destroy notifications with the namespace they came from. */
    public interface DestroySink {
        void destroyed(long netns, InetSocket socket);
    }

    /** Subscribes once per namespace; false (with {@link #destroyProblem()}) where the kernel refuses. */
    public synchronized boolean watchDestroys(int pid, DestroySink sink) {
        long ns = netns(pid);
        if (ns == 0) return false;
        if (destroyListeners.containsKey(ns)) return destroyListeners.get(ns) != null;
        DestroyListener l = null;
        try {
            long netns = ns;
            l = DestroyListener.start(pid, x -> sink.destroyed(netns, x));
        } catch (NetlinkException | UnsatisfiedLinkError e) {
            destroyProblem = "no sock_diag destroy notifications (" + e.getMessage() + "); final TCP counters come from the last lookup";
        }
        destroyListeners.put(ns, l);
        return l != null;
    }

    public synchronized boolean watchingDestroys(long netns) {
        return destroyListeners.get(netns) != null;
    }

    public synchronized String destroyProblem() {
        return destroyProblem;
    }

    /** Stops the destroy subscriptions after they drain, then closes the lookup sockets. */
    @Override
    public synchronized void close() {
        destroyListeners.values().forEach(l -> {
            if (l != null) l.close();
        });
        destroyListeners.clear();
        diags.values().forEach(d -> {
            if (d != null) d.close();
        });
        diags.clear();
    }
}
