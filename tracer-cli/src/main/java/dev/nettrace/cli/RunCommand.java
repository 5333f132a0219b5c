package dev.nettrace.cli;

import dev.nettrace.agent.AgentDispatch;
import dev.nettrace.agent.AgentRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Launch CMD under trace; exits with CMD's exit status (128+N if killed by signal N).")
public final class RunCommand implements Callable<Integer> {
    @Mixin TraceOptions trace;

    @Mixin dev.nettrace.daemon.DaemonTraceOption daemon;

    @Option(names = "--no-seccomp", description = "Stop on every syscall instead of filtering with seccomp: slower, but CMD survives if nettrace itself is killed.")
    boolean noSeccomp;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments (after --).")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        if (daemon.enabled()) return daemon.run(trace, noSeccomp, command);
        if (AgentDispatch.forRun(trace.via, command)) return AgentRun.run(trace, command);
        if (trace.correlated()) {
            List<String> target = new ArrayList<>(noSeccomp ? List.of("--no-seccomp", "--") : List.of("--"));
            target.addAll(command);
            return trace.runCorrelated(target, List.of());
        }
        List<String> args = new ArrayList<>(trace.helperArgs());
        if (noSeccomp) args.add("--no-seccomp");
        args.add("--");
        args.addAll(command);
        return NativeHelper.locate().runInForeground(args);
    }
}
