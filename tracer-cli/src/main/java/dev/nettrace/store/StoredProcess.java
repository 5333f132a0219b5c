package dev.nettrace.store;

/** A process as `nettrace ps` lists it: events received, connections now stored, events the reporters lost. */
public record StoredProcess(long id, int pid, long startTicks, int uid, String comm, String source,
                            long firstNs, long lastNs, long events, long connections, long dropped) {}
