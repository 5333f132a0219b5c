package dev.nettrace.agent;

import dev.nettrace.cli.TraceOptions;
import dev.nettrace.cli.UserError;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Which tracer serves a command or a PID: the agent for JVMs (17 and later), ptrace for
 * everything else.
 *
 * For `run`, auto means "the command is a JDK java launcher". A wrapper script that execs java
 * is traced by ptrace under auto; `--via agent` traces it through JAVA_TOOL_OPTIONS instead
 * (every JVM of the tree reports, the script's own non-JVM processes are not traced). Doing both
 * at once would trace the JVM twice (ptrace sees its syscalls, the agent its calls) unless the
 * ptrace helper stopped following a process at its exec of java; until it can, we pick one.
 */
public final class AgentDispatch {
    private AgentDispatch() {}

    public static boolean forRun(TraceOptions.Via via, List<String> command) {
        return switch (via) {
            case ptrace -> false;
            case agent -> true;
            case auto -> {
                Path launcher = Jvms.javaLauncher(command.get(0));
                yield launcher != null && Jvms.featureOf(launcher) >= Jvms.AGENT_MIN_FEATURE;
            }
        };
    }

    public static boolean forAttach(TraceOptions.Via via, Collection<Integer> pids) {
        if (via == TraceOptions.Via.ptrace) return false;
        long jvms = pids.stream().filter(Jvms::isJvm).count();
        if (via == TraceOptions.Via.agent) {
            for (int pid : pids) {
                if (!Jvms.isJvm(pid)) throw new UserError("process " + pid + " is not a JVM (no libjvm.so mapped); --via agent needs JVMs", 1);
                if (!Jvms.agentCapable(pid)) throw new UserError("JVM " + pid + " is older than Java " + Jvms.AGENT_MIN_FEATURE + "; use --via ptrace", 1);
            }
            return true;
        }
        if (jvms == pids.size()) return pids.stream().allMatch(Jvms::agentCapable);
        if (jvms > 0) throw new UserError("some of these processes are JVMs and some are not: attach to them separately", 2);
        return false;
    }
}
