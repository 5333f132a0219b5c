package dev.nettrace.probe;

/**
 * Politeness: at most {@code perSecond} probes per second and at most {@code budget} in total
 * for one run, shared by every probe kind. Exceeding the budget is an error, not a silent cut.
 */
public final class Pacer {
    public static final int DEFAULT_RATE = 50, DEFAULT_BUDGET = 1200;

    private final long intervalNs;
    private final int budget;
    private int used;
    private long nextNs = Long.MIN_VALUE;

    public Pacer(int perSecond, int budget) {
        if (perSecond <= 0) throw new IllegalArgumentException("rate must be positive");
        if (budget <= 0) throw new IllegalArgumentException("probe budget must be positive");
        this.intervalNs = 1_000_000_000L / perSecond;
        this.budget = budget;
    }

    public static Pacer polite() {
        return new Pacer(DEFAULT_RATE, DEFAULT_BUDGET);
    }

    /** Nanoseconds to wait before the next probe may go (0 when it may go now). */
    long waitNs(long now) {
        return nextNs == Long.MIN_VALUE ? 0 : Math.max(0, nextNs - now);
    }

    /** Records one probe sent at {@code now}; {@code minGapNs} can only slow the pace down. */
    void took(long now, long minGapNs) {
        if (used >= budget) throw new ProbeException("probe budget of " + budget + " exhausted (raise it with --max-probes)");
        used++;
        nextNs = now + Math.max(intervalNs, minGapNs);
    }

    /** Refuses up front a plan that would exceed the budget, before any packet is sent. */
    void reserve(int probes) {
        if (used + probes > budget) {
            throw new ProbeException("this would send up to " + (used + probes) + " probes, over the budget of " + budget + " (raise it with --max-probes)");
        }
    }

    public int used() {
        return used;
    }
}
