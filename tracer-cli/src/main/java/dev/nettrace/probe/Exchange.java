package dev.nettrace.probe;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Sends probes (several in flight, paced, retried) and matches what comes back, until every
 * probe has an answer or has timed out. Each probe kind supplies how to send a key and how to
 * recognise its answer; the loop is bounded by the keys, the attempts and the timeout.
 */
final class Exchange<K, A> {
    interface Sender<K> {
        /** Sends the probe for key; returns System.nanoTime() of the send. */
        long send(K key, int attempt) throws IOException;
    }

    interface Matcher<K, A> {
        /** The key and meaning of a received datagram, or null when it answers none of ours. */
        Match<K, A> match(NativeSocket socket, Datagram d);
    }

    record Match<K, A>(K key, A answer) {}

    /** answer is null when every attempt went unanswered. */
    record Outcome<A>(A answer, long rttNs, int attempts) {}

    private final Pacer pacer;
    private final List<NativeSocket> sockets;
    private final Matcher<K, A> matcher;
    int maxInFlight = 16;
    int attempts = 1;
    long timeoutNs = 1_000_000_000L;
    long minGapNs;
    Predicate<K> stillWanted = k -> true;

    Exchange(Pacer pacer, List<NativeSocket> sockets, Matcher<K, A> matcher) {
        this.pacer = pacer;
        this.sockets = sockets;
        this.matcher = matcher;
    }

    /** Probes every key; the result map holds exactly the keys that were sent, in key order. */
    Map<K, Outcome<A>> run(List<K> keys, Sender<K> sender) throws IOException {
        pacer.reserve(keys.size() * attempts);
        return runUnreserved(keys, sender);
    }

    /** As {@link #run}, for callers that send only some of the keys and reserved what they need. */
    Map<K, Outcome<A>> runUnreserved(List<K> keys, Sender<K> sender) throws IOException {
        Deque<K> queue = new ArrayDeque<>(keys);
        Map<K, Long> inFlight = new LinkedHashMap<>();
        Map<K, Integer> tries = new HashMap<>();
        Map<K, Outcome<A>> done = new HashMap<>();
        while (!queue.isEmpty() || !inFlight.isEmpty()) {
            long now = System.nanoTime();
            List<K> retry = new ArrayList<>();
            for (Iterator<Map.Entry<K, Long>> it = inFlight.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<K, Long> e = it.next();
                if (now - e.getValue() < timeoutNs) continue;
                it.remove();
                K k = e.getKey();
                if (tries.get(k) < attempts && stillWanted.test(k)) retry.add(k);
                else done.put(k, new Outcome<>(null, 0, tries.get(k)));
            }
            for (int i = retry.size() - 1; i >= 0; i--) queue.addFirst(retry.get(i));
            while (!queue.isEmpty() && inFlight.size() < maxInFlight && pacer.waitNs(now) == 0) {
                K k = queue.poll();
                if (!stillWanted.test(k)) continue;
                int attempt = tries.merge(k, 1, Integer::sum);
                long sent = sender.send(k, attempt);
                pacer.took(sent, minGapNs);
                inFlight.put(k, sent);
                now = System.nanoTime();
            }
            long waitNs = Long.MAX_VALUE;
            for (long sent : inFlight.values()) waitNs = Math.min(waitNs, sent + timeoutNs - now);
            if (!queue.isEmpty() && inFlight.size() < maxInFlight) waitNs = Math.min(waitNs, pacer.waitNs(now));
            if (waitNs == Long.MAX_VALUE) break;
            short[] ready = NativeSocket.poll(sockets, (int) Math.max(0, (waitNs + 999_999) / 1_000_000));
            for (int i = 0; i < ready.length; i++) {
                if (ready[i] == 0) continue;
                NativeSocket s = sockets.get(i);
                drain(s, false, inFlight, tries, done);
                drain(s, true, inFlight, tries, done);
            }
        }
        Map<K, Outcome<A>> ordered = new LinkedHashMap<>();
        for (K k : keys) if (done.containsKey(k)) ordered.put(k, done.get(k));
        return ordered;
    }

    private void drain(NativeSocket s, boolean errorQueue, Map<K, Long> inFlight, Map<K, Integer> tries, Map<K, Outcome<A>> done) {
        // Bounded: a socket cannot hold more than its receive buffer; 4096 reads is far beyond that.
        for (int n = 0; n < 4096; n++) {
            Datagram d = s.receive(errorQueue);
            if (d == null) return;
            Match<K, A> m = matcher.match(s, d);
            if (m == null) continue;
            Long sent = inFlight.remove(m.key());
            if (sent != null) done.put(m.key(), new Outcome<>(m.answer(), d.receivedNs() - sent, tries.get(m.key())));
        }
    }
}
