package dev.nettrace.agent;

import dev.nettrace.cli.TraceOptions;
import dev.nettrace.cli.UserError;
import dev.nettrace.render.CorrelatedTrace;
import dev.nettrace.render.TimeStyle;
import dev.nettrace.wire.AgentArguments;
import java.io.IOException;
import java.util.List;

/** What `run` and `attach` share when they go through the agent. */
final class AgentSessions {
    private AgentSessions() {}

    static AgentOutput output(TraceOptions trace) throws IOException {
        TraceOptions.Format format = trace.effectiveFormat();
        CorrelatedTrace connections = null;
        if (format != TraceOptions.Format.strace && (trace.html != null || !AgentOutput.discarded(trace.output))) {
            connections = new CorrelatedTrace(new CorrelatedTrace.Settings(format.name(), trace.output, trace.html,
                    TimeStyle.of(trace.relativeTimes, trace.timestamps.length), trace.syscallTimes, List.of()));
        } else if (trace.html != null) {
            throw new UserError("--html needs --format text or json", 2);
        }
        return new AgentOutput(AgentOutput.Format.valueOf(format.name()), trace.output, trace.syscallTimes, trace.timestamps.length, connections);
    }

    /**
     * The agent's argument string for a session with our collector. NETTRACE_AGENT_DEBUG=1 makes
     * the agent report instrumentation problems on the target's stderr.
     */
    static String agentArgs(String socketAsSeenByTarget, boolean stack) {
        return AgentArguments.session(socketAsSeenByTarget, stack, "1".equals(System.getenv("NETTRACE_AGENT_DEBUG"))).format();
    }
}
