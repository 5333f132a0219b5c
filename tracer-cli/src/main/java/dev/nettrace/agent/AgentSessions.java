package dev.nettrace.agent;

import dev.nettrace.cli.TraceOptions;
import java.io.IOException;

/** What `run` and `attach` share when they go through the agent. */
final class AgentSessions {
    private AgentSessions() {}

    static AgentOutput output(TraceOptions trace) throws IOException {
        return new AgentOutput(AgentOutput.Format.valueOf(trace.effectiveFormat().name()), trace.output, trace.syscallTimes, trace.timestamps.length);
    }

    /**
     * The agent's argument string (see the agent's AgentOptions). NETTRACE_AGENT_DEBUG=1 makes
     * the agent report instrumentation problems on the target's stderr.
     */
    static String agentArgs(String socketAsSeenByTarget, boolean stack) {
        return "socket=" + socketAsSeenByTarget + (stack ? ",stack=1" : "") + ("1".equals(System.getenv("NETTRACE_AGENT_DEBUG")) ? ",debug=1" : "");
    }
}
