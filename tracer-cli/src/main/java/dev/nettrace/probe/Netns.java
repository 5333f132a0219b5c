package dev.nettrace.probe;

import com.sun.jna.LastErrorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs work inside another network namespace. setns(2) changes only the calling thread, so the
 * work runs on a fresh thread that enters the namespace and dies with it: sockets it opens
 * belong to that namespace for good, and no other thread of the JVM is moved.
 */
public final class Netns {
    private static final int O_RDONLY = 0, O_CLOEXEC = 02000000;

    private Netns() {}

    /** The namespace of a process (/proc/PID/ns/net). */
    public static Path ofProcess(long pid) {
        return Path.of("/proc", Long.toString(pid), "ns", "net");
    }

    /** The namespace made by `ip netns add NAME`. */
    public static Path named(String name) {
        return Path.of("/run/netns", name);
    }

    /** The inode that identifies a namespace (what connection records call netns). */
    public static long inode(Path ns) {
        try {
            return ((Number) Files.getAttribute(ns, "unix:ino")).longValue();
        } catch (Exception e) {
            return -1;
        }
    }

    public static boolean isOwn(Path ns) {
        return inode(ns) == inode(Path.of("/proc/thread-self/ns/net"));
    }

    public static <T> T call(Path ns, Callable<T> work) throws Exception {
        if (isOwn(ns)) return work.call();
        FutureTask<T> task = new FutureTask<>(() -> {
            int fd;
            try {
                fd = Libc.C.open(ns.toString(), O_RDONLY | O_CLOEXEC);
            } catch (LastErrorException e) {
                throw new ProbeException("cannot open network namespace " + ns + ": " + Errno.name(e.getErrorCode()));
            }
            try {
                Libc.C.setns(fd, Libc.CLONE_NEWNET);
            } catch (LastErrorException e) {
                throw new ProbeException("cannot enter network namespace " + ns + ": " + Errno.name(e.getErrorCode()));
            } finally {
                Libc.C.close(fd);
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
