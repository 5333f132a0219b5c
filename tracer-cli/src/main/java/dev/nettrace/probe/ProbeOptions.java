package dev.nettrace.probe;

import picocli.CommandLine.Option;

/** The politeness and patience options shared by `probe` and `diagnose`. */
public final class ProbeOptions {
    @Option(names = {"-w", "--timeout"}, paramLabel = "SECONDS", description = "How long to wait for each answer (default: ${DEFAULT-VALUE}).")
    double timeout = 1.0;

    @Option(names = "--rate", paramLabel = "N", description = "At most N probes per second (default: ${DEFAULT-VALUE}).")
    int rate = Pacer.DEFAULT_RATE;

    @Option(names = "--max-probes", paramLabel = "N", description = "At most N probes in this run (default: ${DEFAULT-VALUE}).")
    int maxProbes = Pacer.DEFAULT_BUDGET;

    public boolean valid() {
        return timeout > 0 && rate > 0 && maxProbes > 0;
    }

    public Prober prober() {
        return new Prober(new Pacer(rate, maxProbes), (long) (timeout * 1e9));
    }
}
