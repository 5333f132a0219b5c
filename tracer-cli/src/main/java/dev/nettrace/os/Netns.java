package dev.nettrace.os;

import com.sun.jna.LastErrorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs work inside another network namespace. setns(2) changes only the calling thread, and a
 * socket belongs for life to the namespace of the thread that created it, so the work runs on a
 * fresh thread that enters the namespace and dies with it: no other thread of the JVM is moved.
 */
public final class Netns {
    private static final Path OWN = Path.of("/proc/thread-self/ns/net");

    private Netns() {}

    /** The namespace of a process (/proc/PID/ns/net). */
    public static Path ofProcess(long pid) {
        return Path.of("/proc", Long.toString(pid), "ns", "net");
    }

    /** The namespace made by `ip netns add NAME`. */
    public static Path named(String name) {
        return Path.of("/run/netns", name);
    }

    /** The calling thread's namespace. */
    public static Path own() {
        return OWN;
    }

    /** The inode that identifies a namespace (what connection records call netns); 0 if it is gone or unreadable. */
    public static long inode(Path ns) {
        try {
            return ((Number) Files.getAttribute(ns, "unix:ino")).longValue();
        } catch (Exception e) {
            return 0;
        }
    }

    /** The inode of a process's namespace (what `ls -L -i /proc/PID/ns/net` shows); 0 if the process is gone. */
    public static long inode(long pid) {
        return inode(ofProcess(pid));
    }

    /** The inode of the calling thread's namespace. */
    public static long self() {
        return inode(OWN);
    }

    /** Runs {@code work} in namespace {@code ns}: inline if it is ours, else on a thread that setns into it. */
    public static <T> T call(Path ns, Callable<T> work) throws Exception {
        long target = inode(ns);
        if (target != 0 && target == self()) return work.call();
        FutureTask<T> task = new FutureTask<>(() -> {
            int fd;
            try {
                fd = Libc.open(ns.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC);
            } catch (LastErrorException e) {
                throw new NetnsException("cannot open network namespace " + ns, e.getErrorCode());
            }
            try {
                Libc.setns(fd, Libc.CLONE_NEWNET);
            } catch (LastErrorException e) {
                throw new NetnsException("cannot enter network namespace " + ns, e.getErrorCode());
            } finally {
                Libc.close(fd);
            }
            return work.call();
        });
        Thread t = new Thread(task, "netns " + ns);
        t.setDaemon(true);
        t.start();
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            throw new IllegalStateException(e.getCause());
        }
    }
}
