package dev.nettrace.agent;

import dev.nettrace.model.Event;
import java.util.Map;

/**
 * An event as the agent reported it: the event-model record (socket options travel in its
 * optname/optval, as they do for ptrace events) plus what the model has no field for yet: the
 * exception the call ended with and listen's backlog.
 */
public record AgentEvent(Event event, String exception, String option, String value) {
    /** The NDJSON object: the event model's keys, then ours. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = event.toMap();
        if (exception != null) m.put("exception", exception);
        if (value != null && "listen".equals(event.op)) m.put("backlog", value);
        return m;
    }
}
