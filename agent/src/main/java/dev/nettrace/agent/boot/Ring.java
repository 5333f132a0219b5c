package dev.nettrace.agent.boot;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded multi-producer, single-consumer ring of event slots, preallocated as parallel arrays
 * so that recording allocates nothing. Each slot has a sequence number (Vyukov's scheme): a
 * producer may claim position p when its slot's sequence is p, publishes by setting it to p+1,
 * and the consumer frees it for the next lap by setting it to p+capacity. A full ring never
 * waits: the producer counts a drop and returns.
 */
final class Ring {
    final int capacity;
    private final int mask;
    private final AtomicLongArray sequence;
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private long head; // consumer only

    final byte[] op, sockType, errno;
    final boolean[] virtual;
    final int[] fd, newFd, tid, localPort, remotePort;
    /** listen's backlog. */
    final int[] argument;
    final long[] start, duration, ret, bytes;
    /** References to objects the call already had (never copies): names, addresses, results. */
    final Object[] thread, local, remote, error, detail, value, stack;

    Ring(int capacityPowerOfTwo) {
        capacity = capacityPowerOfTwo;
        mask = capacity - 1;
        sequence = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) sequence.set(i, i);
        op = new byte[capacity];
        sockType = new byte[capacity];
        errno = new byte[capacity];
        virtual = new boolean[capacity];
        fd = new int[capacity];
        newFd = new int[capacity];
        tid = new int[capacity];
        localPort = new int[capacity];
        remotePort = new int[capacity];
        argument = new int[capacity];
        start = new long[capacity];
        duration = new long[capacity];
        ret = new long[capacity];
        bytes = new long[capacity];
        thread = new Object[capacity];
        local = new Object[capacity];
        remote = new Object[capacity];
        error = new Object[capacity];
        detail = new Object[capacity];
        value = new Object[capacity];
        stack = new Object[capacity];
    }

    /** Claims a slot: returns its position (slot = position & mask), or -1 when full (counted). */
    long claim() {
        long pos = tail.get();
        for (;;) {
            long diff = sequence.get((int) (pos & mask)) - pos;
            if (diff == 0) {
                if (tail.compareAndSet(pos, pos + 1)) return pos;
                pos = tail.get();
            } else if (diff < 0) {
                dropped.incrementAndGet();
                return -1;
            } else {
                pos = tail.get();
            }
        }
    }

    int slot(long pos) {
        return (int) (pos & mask);
    }

    void publish(long pos) {
        sequence.lazySet((int) (pos & mask), pos + 1);
    }

    /** The consumer's next published slot, or -1 if none is ready yet. */
    int peek() {
        int i = (int) (head & mask);
        return sequence.get(i) == head + 1 ? i : -1;
    }

    /** Frees the slot returned by {@link #peek()}, dropping its references. */
    void release(int i) {
        thread[i] = local[i] = remote[i] = error[i] = detail[i] = value[i] = stack[i] = null;
        sequence.lazySet(i, head + capacity);
        head++;
    }

    long dropped() {
        return dropped.get();
    }
}
