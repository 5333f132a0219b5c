package dev.nettrace.probe;

/**
 * Politeness: at most {@code perSecond} probes per second and at most {@code budget} in total
 * for one run, shared by every probe kind. Exceeding the budget is an error, not a silent cut.
 * The rate is a token bucket holding 10 ms worth of probes (at least one), so a fast rate is
 * kept on average without one poll per probe, and a slow one (the default 50/s) stays evenly spaced.
 */
public final class Pacer {
    public static final int DEFAULT_RATE = 50, DEFAULT_BUDGET = 1200;

    private final long intervalNs;
    private final double capacity;
    private final int budget;
    private int used;
    private double tokens;
    private long filledAt = Long.MIN_VALUE;
    private long notBeforeNs = Long.MIN_VALUE;

    public Pacer(int perSecond, int budget) {
        if (perSecond <= 0) throw new IllegalArgumentException("rate must be positive");
        if (budget <= 0) throw new IllegalArgumentException("probe budget must be positive");
        this.intervalNs = 1_000_000_000L / perSecond;
        this.capacity = Math.max(1, perSecond / 100);
        this.budget = budget;
        this.tokens = capacity;
    }

    public static Pacer polite() {
        return new Pacer(DEFAULT_RATE, DEFAULT_BUDGET);
    }

    private void refill(long now) {
        if (filledAt != Long.MIN_VALUE && now > filledAt) tokens = Math.min(capacity, tokens + (double) (now - filledAt) / intervalNs);
        filledAt = now;
    }

    /** Nanoseconds to wait before the next probe may go (0 when it may go now). */
    long waitNs(long now) {
        refill(now);
        long gap = notBeforeNs == Long.MIN_VALUE ? 0 : Math.max(0, notBeforeNs - now);
        long bucket = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * intervalNs);
        return Math.max(gap, bucket);
    }

    /** Records one probe sent at {@code now}; {@code minGapNs} (a ping interval) can only slow the pace down. */
    void took(long now, long minGapNs) {
        if (used >= budget) throw new ProbeException("probe budget of " + budget + " exhausted (raise it with --max-probes)");
        used++;
        refill(now);
        tokens -= 1;
        if (minGapNs > 0) notBeforeNs = now + minGapNs;
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
