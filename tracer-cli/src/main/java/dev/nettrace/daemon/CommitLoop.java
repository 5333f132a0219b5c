package dev.nettrace.daemon;

import dev.nettrace.store.Batch;
import dev.nettrace.store.Store;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one thread that writes the store. Frames from every reporter queue here; whatever has
 * queued up while the previous transaction committed goes into the next one (group commit), and
 * only after that commit are the senders told (ACK). A full queue blocks the reporting
 * connection, which pushes back to the reporter, whose own buffer then counts its drops.
 */
final class CommitLoop implements Runnable {
    /** Told once its frames are durable (or that they never will be). */
    interface Sender {
        void committed(int frames);

        void failed(String why);
    }

    private record Pending(Sender sender, List<Batch> batches, int frames) {}

    private static final int MAX_RECORDS_PER_COMMIT = 100_000;

    private final Store store;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(512);
    private final BlockingQueue<Consumer<Store>> chores = new ArrayBlockingQueue<>(16);
    private final AtomicLong recordsStored = new AtomicLong(), commits = new AtomicLong();
    private volatile boolean stopping;

    CommitLoop(Store store) {
        this.store = store;
    }

    /** Queues the batches of some frames; blocks while the writer is behind. */
    void submit(Sender sender, List<Batch> batches, int frames) throws InterruptedException {
        queue.put(new Pending(sender, batches, frames));
    }

    /** Runs work on the writer thread between commits (retention needs the writer's connection). */
    boolean schedule(Consumer<Store> chore) {
        return chores.offer(chore);
    }

    long recordsStored() {
        return recordsStored.get();
    }

    long commits() {
        return commits.get();
    }

    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        List<Pending> round = new ArrayList<>();
        while (!stopping || !queue.isEmpty()) {
            try {
                Consumer<Store> chore = chores.poll();
                if (chore != null) runChore(chore);
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                round.add(first);
                int records = size(first);
                while (records < MAX_RECORDS_PER_COMMIT) {
                    Pending next = queue.poll();
                    if (next == null) break;
                    round.add(next);
                    records += size(next);
                }
                commit(round, records);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                round.clear();
            }
        }
    }

    private void commit(List<Pending> round, int records) {
        List<Batch> all = new ArrayList<>();
        for (Pending p : round) all.addAll(p.batches());
        Map<Sender, Integer> framesBySender = new IdentityHashMap<>();
        for (Pending p : round) framesBySender.merge(p.sender(), p.frames(), Integer::sum);
        try {
            store.commit(all);
        } catch (RuntimeException e) {
            System.err.println("nettrace daemon: " + e.getMessage());
            framesBySender.keySet().forEach(s -> s.failed("the daemon could not store your records: " + e.getMessage()));
            return;
        }
        recordsStored.addAndGet(records);
        commits.incrementAndGet();
        framesBySender.forEach(Sender::committed);
    }

    private void runChore(Consumer<Store> chore) {
        try {
            chore.accept(store);
        } catch (RuntimeException e) {
            System.err.println("nettrace daemon: " + e.getMessage());
        }
    }

    private static int size(Pending p) {
        int n = 0;
        for (Batch b : p.batches()) n += b.size();
        return n;
    }
}
