package dev.nettrace.agent.boot;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded multi-producer, single-consumer ring of event slots, preallocated so that recording
 * allocates nothing. Each slot has a sequence number (Vyukov's scheme): a producer may claim
 * position p when its slot's sequence is p, publishes by setting it to p+1, and the consumer
 * frees it for the next lap by setting it to p+capacity. A full ring never waits: the producer
 * counts a drop and returns.
 *
 * A slot's numbers are 8 longs in a row (one cache line) and its references 8 entries in a row,
 * so recording an event touches a few adjacent lines, not one line per field.
 */
final class Ring {
    private static final int LONGS = 8, REFS = 8;
    // long fields
    private static final int START = 0, DURATION = 1, RET = 2, BYTES = 3, FDS = 4, KIND = 5, PORTS = 6, ARGUMENT = 7;
    // reference fields
    private static final int THREAD = 0, LOCAL = 1, REMOTE = 2, ERROR = 3, DETAIL = 4, VALUE = 5, STACK = 6;

    final int capacity;
    private final int mask;
    private final AtomicLongArray sequence;
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final long[] longs;
    private final Object[] refs;
    private long head; // consumer only

    Ring(int capacityPowerOfTwo) {
        capacity = capacityPowerOfTwo;
        mask = capacity - 1;
        sequence = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) sequence.set(i, i);
        longs = new long[capacity * LONGS];
        refs = new Object[capacity * REFS];
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
        java.util.Arrays.fill(refs, i * REFS, i * REFS + REFS, null);
        sequence.lazySet(i, head + capacity);
        head++;
    }

    long dropped() {
        return dropped.get();
    }

    /** Fills every field of slot i with "nothing known" but what every event has. */
    void reset(int i, int op, long start, long duration, String thread, int tid, boolean virtual, Throwable error) {
        int l = i * LONGS, o = i * REFS;
        longs[l + START] = start;
        longs[l + DURATION] = duration;
        longs[l + RET] = error == null ? 0 : -1;
        longs[l + BYTES] = -1;
        longs[l + FDS] = pack(-1, -1);
        longs[l + KIND] = pack(tid, op | (virtual ? 1 << 24 : 0));
        longs[l + PORTS] = 0;
        longs[l + ARGUMENT] = 0;
        refs[o + THREAD] = thread;
        refs[o + ERROR] = error;
    }

    private static long pack(int high, int low) {
        return (long) high << 32 | (low & 0xffffffffL);
    }

    private void setKindByte(int i, int shift, int value) {
        long k = longs[i * LONGS + KIND];
        longs[i * LONGS + KIND] = k & ~(0xffL << shift) | (long) (value & 0xff) << shift;
    }

    void sockType(int i, int type) {
        setKindByte(i, 8, type);
    }

    void errno(int i, int errno) {
        setKindByte(i, 16, errno);
    }

    void fd(int i, int fd) {
        longs[i * LONGS + FDS] = pack(fd, newFd(i));
    }

    void newFd(int i, int newFd) {
        longs[i * LONGS + FDS] = pack(fd(i), newFd);
    }

    void ret(int i, long ret) {
        longs[i * LONGS + RET] = ret;
    }

    void bytes(int i, long bytes) {
        longs[i * LONGS + BYTES] = bytes;
    }

    void localPort(int i, int port) {
        longs[i * LONGS + PORTS] = port;
    }

    void argument(int i, int argument) {
        longs[i * LONGS + ARGUMENT] = argument;
    }

    void local(int i, Object address) {
        refs[i * REFS + LOCAL] = address;
    }

    void remote(int i, Object address) {
        refs[i * REFS + REMOTE] = address;
    }

    void detail(int i, Object detail) {
        refs[i * REFS + DETAIL] = detail;
    }

    void value(int i, Object value) {
        refs[i * REFS + VALUE] = value;
    }

    void stack(int i, Throwable where) {
        refs[i * REFS + STACK] = where;
    }

    int op(int i) {
        return (int) longs[i * LONGS + KIND] & 0xff;
    }

    int sockType(int i) {
        return (int) (longs[i * LONGS + KIND] >>> 8) & 0xff;
    }

    int errno(int i) {
        return (int) (longs[i * LONGS + KIND] >>> 16) & 0xff;
    }

    boolean virtual(int i) {
        return ((longs[i * LONGS + KIND] >>> 24) & 1) != 0;
    }

    int tid(int i) {
        return (int) (longs[i * LONGS + KIND] >>> 32);
    }

    int fd(int i) {
        return (int) (longs[i * LONGS + FDS] >>> 32);
    }

    int newFd(int i) {
        return (int) longs[i * LONGS + FDS];
    }

    long start(int i) {
        return longs[i * LONGS + START];
    }

    long duration(int i) {
        return longs[i * LONGS + DURATION];
    }

    long ret(int i) {
        return longs[i * LONGS + RET];
    }

    long bytes(int i) {
        return longs[i * LONGS + BYTES];
    }

    int localPort(int i) {
        return (int) longs[i * LONGS + PORTS];
    }

    int argument(int i) {
        return (int) longs[i * LONGS + ARGUMENT];
    }

    String thread(int i) {
        return (String) refs[i * REFS + THREAD];
    }

    Object local(int i) {
        return refs[i * REFS + LOCAL];
    }

    Object remote(int i) {
        return refs[i * REFS + REMOTE];
    }

    Object error(int i) {
        return refs[i * REFS + ERROR];
    }

    Object detail(int i) {
        return refs[i * REFS + DETAIL];
    }

    Object value(int i) {
        return refs[i * REFS + VALUE];
    }

    Object stack(int i) {
        return refs[i * REFS + STACK];
    }
}
