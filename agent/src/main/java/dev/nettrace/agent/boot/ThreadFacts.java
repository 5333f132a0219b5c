package dev.nettrace.agent.boot;

import java.nio.file.Files;
import java.nio.file.Path;

/** What an event needs to know about its thread that never changes: computed once per thread. */
final class ThreadFacts {
    final int tid;
    final boolean virtual;

    private ThreadFacts(int tid, boolean virtual) {
        this.tid = tid;
        this.virtual = virtual;
    }

    static final ThreadLocal<ThreadFacts> CURRENT = ThreadLocal.withInitial(ThreadFacts::ofCurrentThread);

    /**
     * The kernel thread id comes from /proc/thread-self (".../task/TID"); a virtual thread moves
     * between carriers, so it has none (0).
     */
    private static ThreadFacts ofCurrentThread() {
        boolean virtual = JdkAccess.isVirtual(Thread.currentThread());
        if (virtual) return new ThreadFacts(0, true);
        try {
            return new ThreadFacts(Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString()), false);
        } catch (Exception | LinkageError e) {
            return new ThreadFacts(0, false);
        }
    }
}
