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
    /**
     * Wait only as long as answers here take (as nmap does): after the first answer, the timeout
     * becomes srtt + 4 rttvar (RFC 6298), at least {@link #MIN_ADAPTIVE_NS}, at most timeoutNs.
     */
    boolean adaptive;
    static final long MIN_ADAPTIVE_NS = 100_000_000L;
    /** A caller's own, shorter, timeout for some keys (null: none). */
    java.util.function.ToLongFunction<K> keyTimeoutNs;
    private long srtt = -1, rttvar;

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
            // Read what already arrived before judging anything late: after a pause (GC, a busy
            // machine) answers may sit in the socket while their deadline has passed.
            for (NativeSocket s : sockets) {
                drain(s, false, inFlight, tries, done);
                drain(s, true, inFlight, tries, done);
            }
            long now = System.nanoTime();
            List<K> retry = new ArrayList<>();
            for (Iterator<Map.Entry<K, Long>> it = inFlight.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<K, Long> e = it.next();
                if (!stillWanted.test(e.getKey())) {
                    // Its answer no longer matters (a trace that reached its destination): stop waiting.
                    it.remove();
                    continue;
                }
                if (now - e.getValue() < timeoutFor(e.getKey())) continue;
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
            for (Map.Entry<K, Long> e : inFlight.entrySet()) waitNs = Math.min(waitNs, e.getValue() + timeoutFor(e.getKey()) - now);
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
            if (sent == null) continue;
            long rtt = d.receivedNs() - sent;
            done.put(m.key(), new Outcome<>(m.answer(), rtt, tries.get(m.key())));
            if (tries.get(m.key()) == 1) learn(rtt);
        }
    }

    /** Karn's rule: only answers to first attempts teach the RTT estimate. */
    private void learn(long rtt) {
        if (srtt < 0) {
            srtt = rtt;
            rttvar = rtt / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - rtt)) / 4;
            srtt = (7 * srtt + rtt) / 8;
        }
    }

    private long timeoutFor(K key) {
        long t = currentTimeoutNs();
        return keyTimeoutNs == null ? t : Math.min(t, keyTimeoutNs.applyAsLong(key));
    }

    private long currentTimeoutNs() {
        if (!adaptive || srtt < 0) return timeoutNs;
        return Math.min(timeoutNs, Math.max(MIN_ADAPTIVE_NS, srtt + 4 * rttvar));
    }
}
