package dev.nettrace.store;

import java.util.ArrayList;
import java.util.List;

/**
 * What one reporter delivered for one process: events, connection records and how many events
 * it has had to drop so far (cumulative, as reporters count them, so a count repeated after a
 * reconnect is not added twice). The store commits batches whole or not at all.
 */
public final class Batch {
    /**
     * One NDJSON connection record. key identifies the connection within its process so that a
     * later record (the connection closed) replaces an earlier one (still open).
     */
    public record ConnectionLine(String key, Long openedNs, long endedNs, String remote, String outcome, String json) {}

    private final ProcessKey process;
    private final EventChunk events;
    private final List<ConnectionLine> connections = new ArrayList<>();
    private long droppedSoFar;

    public Batch(ProcessKey process) {
        this(process, 0);
    }

    /** eventBytes: about how many bytes of events will come (a reporter knows what it has just read). */
    public Batch(ProcessKey process, int eventBytes) {
        this.process = process;
        this.events = new EventChunk(eventBytes);
    }

    public ProcessKey process() {
        return process;
    }

    public EventChunk events() {
        return events;
    }

    public List<ConnectionLine> connections() {
        return connections;
    }

    public long droppedSoFar() {
        return droppedSoFar;
    }

    /** Notes a reporter's cumulative drop count; a smaller, older count changes nothing. */
    public void dropped(long soFar) {
        droppedSoFar = Math.max(droppedSoFar, soFar);
    }

    public int size() {
        return events.count() + connections.size();
    }
}
