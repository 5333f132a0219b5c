package dev.nettrace.correlate;

import java.util.List;

/** A name lookup seen in a process (decoded DNS reply or agent event), for timelines. */
public record DnsMark(int pid, int tid, long ts, String name, List<String> answers) {
}
