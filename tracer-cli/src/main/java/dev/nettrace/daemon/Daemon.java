package dev.nettrace.daemon;

import dev.nettrace.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The long-lived collector: a Unix socket, a session thread per client, one writer thread and a
 * store, and one thread that correlates the reporters' events while their processes run (see
 * LiveCorrelation). Nothing a client sends can stop it; each failure ends only that client's session.
 */
public final class Daemon implements AutoCloseable {
    /** How the daemon is run; see DaemonCommand for the user-facing options. */
    public record Config(Path socket, Path db, long retentionNs, long maxDbBytes, String group, boolean fsync,
                         int frameTimeoutMs, int maxClients, int maxClientsPerUid) {}

    private static final long RETENTION_PERIOD_MS = 60_000;

    private final Config config;
    private final Store store;
    private final CommitLoop commitLoop;
    private final LiveCorrelation live;
    private final UnixSocket listener;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final Map<Integer, HeldTrace> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "nettrace-retention"));
    private final long startedMs = System.currentTimeMillis();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread writerThread, acceptThread, liveThread;

    private Daemon(Config config, Store store, UnixSocket listener) {
        this.config = config;
        this.store = store;
        this.listener = listener;
        this.commitLoop = new CommitLoop(store);
        this.writerThread = new Thread(commitLoop, "nettrace-writer");
        this.live = new LiveCorrelation(commitLoop);
        this.liveThread = new Thread(live, "nettrace-correlate");
        this.acceptThread = new Thread(this::acceptLoop, "nettrace-accept");
    }

    /** Opens the store, then binds and listens; returns once clients can connect. */
    public static Daemon start(Config config) throws IOException {
        Store store = Store.open(config.db(), config.fsync());
        UnixSocket listener;
        try {
            listener = bind(config);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        Daemon d = new Daemon(config, store, listener);
        d.writerThread.start();
        d.liveThread.start();
        d.acceptThread.start();
        d.timer.scheduleWithFixedDelay(d::scheduleRetention, 0, RETENTION_PERIOD_MS, TimeUnit.MILLISECONDS);
        return d;
    }

    private static UnixSocket bind(Config config) throws IOException {
        Path path = config.socket().toAbsolutePath();
        Path dir = path.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            // A directory we create is ours to lock down; an existing one (e.g. XDG_RUNTIME_DIR) is left alone.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(config.group() == null ? "rwx------" : "rwxr-x---"));
            if (config.group() != null) chgrp(dir, config.group());
        }
        if (Files.exists(path)) {
            if (DaemonClient.answers(path)) throw new IOException("a daemon is already listening on " + path);
            Files.delete(path); // left behind by a daemon that was killed
        }
        UnixSocket s = UnixSocket.bound(path);
        try {
            // Permissions are set before listen(): until then nobody can connect, so there is no window.
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(config.group() == null ? "rw-------" : "rw-rw----"));
            if (config.group() != null) chgrp(path, config.group());
            s.listen(512);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            Files.deleteIfExists(path);
            throw e;
        }
    }

    private static void chgrp(Path p, String group) throws IOException {
        GroupPrincipal g;
        try {
            g = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        } catch (IOException e) {
            throw new IOException("no such group: " + group);
        }
        Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(g);
    }

    private void acceptLoop() {
        try {
            while (true) {
                UnixSocket client = listener.accept();
                if (client == null) return;
                admit(client);
            }
        } catch (IOException e) {
            System.err.println("nettrace daemon: " + e.getMessage());
        }
    }

    private void admit(UnixSocket client) {
        UnixSocket.Peer peer;
        try {
            peer = client.peer();
        } catch (IOException e) {
            client.close();
            return;
        }
        String refusal = null;
        if (sessions.size() >= config.maxClients()) refusal = "the daemon is serving its maximum of " + config.maxClients() + " clients; try again later";
        else if (peer.uid() != 0 && sessions.stream().filter(s -> s.peer().uid() == peer.uid()).count() >= config.maxClientsPerUid()) {
            refusal = "uid " + peer.uid() + " already has " + config.maxClientsPerUid() + " connections to the daemon";
        }
        if (refusal != null) {
            try {
                client.sendNow(Frame.of(Frame.ERROR, refusal).encode());
            } catch (IOException ignored) {
                // it will see the connection close
            }
            client.close();
            return;
        }
        Session s = new Session(this, client, peer);
        sessions.add(s);
        // Small stacks: sessions only parse and queue, and there may be hundreds of them.
        Thread t = new Thread(null, s, "nettrace-client-" + peer.pid(), 256 * 1024);
        t.setDaemon(true);
        t.start();
    }

    private void scheduleRetention() {
        long cutoff = config.retentionNs() > 0 ? Reporter.nowNs() - config.retentionNs() : Long.MIN_VALUE;
        commitLoop.schedule(s -> s.enforceRetention(cutoff, config.maxDbBytes()));
    }

    int frameTimeoutMs() {
        return config.frameTimeoutMs();
    }

    CommitLoop commitLoop() {
        return commitLoop;
    }

    LiveCorrelation live() {
        return live;
    }

    Store store() {
        return store;
    }

    Config config() {
        return config;
    }

    long uptimeMs() {
        return System.currentTimeMillis() - startedMs;
    }

    void ended(Session s) {
        sessions.remove(s);
    }

    /** Reporter sessions alive now. */
    List<Session> reporters() {
        List<Session> out = new ArrayList<>();
        for (Session s : sessions) if (s.reporter() != null) out.add(s);
        return out;
    }

    Map<Integer, HeldTrace> held() {
        return held;
    }

    int sessionCount() {
        return sessions.size();
    }

    /** Blocks until close() (from a signal handler or a test). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops accepting, ends every session and held trace, commits what is queued, closes the store. */
    @Override
    public void close() {
        if (stopped.getCount() == 0) return;
        listener.shutdown();
        timer.shutdownNow();
        try {
            Files.deleteIfExists(config.socket().toAbsolutePath());
        } catch (IOException ignored) {
            // a stale socket file is recognised and replaced at the next start
        }
        for (HeldTrace h : held.values()) h.stop();
        for (Session s : sessions) s.stop();
        live.stop();
        try {
            // The last connection records go to the writer, which must still be running.
            liveThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commitLoop.stop();
        try {
            acceptThread.join(5000);
            writerThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.close();
        store.close();
        stopped.countDown();
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
