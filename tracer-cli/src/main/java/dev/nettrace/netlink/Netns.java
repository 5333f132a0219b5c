package dev.nettrace.netlink;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Network namespaces. A socket belongs for life to the namespace of the thread that created it,
 * so sockets for another process's namespace are created on a short-lived thread that first
 * joins that namespace with setns(2); the JVM's other threads never move.
 */
public final class Netns {
    private Netns() {}

    /** The inode of the process's network namespace (what `ls -L -i /proc/PID/ns/net` shows); 0 if gone. */
    public static long inode(int pid) {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc", Integer.toString(pid), "ns", "net"), "unix:ino")).longValue();
        } catch (IOException | SecurityException e) {
            return 0;
        }
    }

    public static long self() {
        return inode((int) ProcessHandle.current().pid());
    }

    /** Runs {@code task} with the network namespace of {@code pid}: inline if it is ours, else on a thread that setns into it. */
    public static <T> T in(int pid, Supplier<T> task) {
        long target = inode(pid);
        if (target == 0) throw new NetlinkException("network namespace of process " + pid, NetlinkException.ENOENT);
        if (target == self()) return task.get();
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                int fd = LibC.open("/proc/" + pid + "/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC);
                try {
                    LibC.setns(fd, LibC.CLONE_NEWNET);
                } finally {
                    LibC.close(fd);
                }
                result.set(task.get());
            } catch (LastErrorException e) {
                failure.set(new NetlinkException("setns into the network namespace of process " + pid, e.getErrorCode()));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "nettrace-netns-" + pid);
        t.setDaemon(true);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkException("interrupted joining a network namespace", 4);
        }
        if (failure.get() != null) throw failure.get();
        return result.get();
    }

    /** A sock_diag socket in the network namespace of {@code pid}. */
    public static SockDiag sockDiag(int pid) {
        return in(pid, SockDiag::open);
    }
}
