package dev.nettrace.render;

import dev.nettrace.correlate.Correlator;
import dev.nettrace.model.Event;
import java.io.IOException;

/** Where a correlated trace goes: calls as they happen, then the connections at the end. */
interface TraceOutput {
    /** One event; {@code line} is the helper's NDJSON for it, verbatim. */
    void event(Event e, String line);

    /** A non-event NDJSON record from the helper (process exits). */
    void record(java.util.Map<String, Object> record, String line);

    void finish(Correlator correlator) throws IOException;
}
