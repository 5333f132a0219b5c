package dev.nettrace.store;

import java.util.List;

/**
 * What one reporter delivered for one process: event lines, connection records and how many
 * events it has had to drop so far (cumulative, as reporters count them, so a count repeated
 * after a reconnect is not added twice). The store commits batches whole or not at all.
 */
public record Batch(ProcessKey process, List<EventLine> events, List<ConnectionLine> connections, long droppedSoFar) {
    /** One NDJSON event line (UTF-8, no newline) and its timestamp. */
    public record EventLine(long ts, byte[] json) {}

    /**
     * One NDJSON connection record. key identifies the connection within its process so that a
     * later record (the connection closed) replaces an earlier one (still open).
     */
    public record ConnectionLine(String key, Long openedNs, long endedNs, String remote, String outcome, String json) {}

    public int size() {
        return events.size() + connections.size();
    }
}
