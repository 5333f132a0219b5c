package dev.nettrace.agent;

import dev.nettrace.model.Event;
import java.util.Map;

/**
 * An event as the agent reported it: the event-model record plus what the model has no field
 * for yet (the exception the call ended with, a socket option and its value, listen's backlog).
 */
public record AgentEvent(Event event, String exception, String option, String value) {
    /** The NDJSON object: the event model's keys, then ours. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = event.toMap();
        if (exception != null) m.put("exception", exception);
        if (option != null) m.put("option", option);
        if (value != null) m.put("listen".equals(event.op) ? "backlog" : "value", value);
        return m;
    }
}
