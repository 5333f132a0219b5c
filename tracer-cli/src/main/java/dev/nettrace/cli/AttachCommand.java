package dev.nettrace.cli;

import dev.nettrace.agent.AgentAttach;
import dev.nettrace.agent.AgentDispatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "attach", mixinStandardHelpOptions = true,
        description = "Trace running processes until Ctrl-C, SIGTERM or --duration; they run on unharmed afterwards.")
public final class AttachCommand implements Callable<Integer> {
    @Mixin TraceOptions trace;

    @Mixin dev.nettrace.daemon.DaemonTraceOption daemon;

    @Option(names = "-p", paramLabel = "PID", split = ",", description = "A process to attach to (repeatable, or comma-separated).")
    List<Integer> pidOptions = new ArrayList<>();

    @Parameters(paramLabel = "PID", arity = "0..*", description = "Processes to attach to.")
    List<Integer> pidParams = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Detach after SECONDS.")
    Double duration;

    @Override
    public Integer call() throws Exception {
        Set<Integer> pids = new LinkedHashSet<>(pidOptions);
        pids.addAll(pidParams);
        if (pids.isEmpty()) throw new UserError("attach needs at least one PID", 2);
        for (int pid : pids) {
            if (pid <= 0 || !Files.isDirectory(Path.of("/proc", Integer.toString(pid)))) {
                throw new UserError("no such process: " + pid);
            }
        }
        if (duration != null && !(duration > 0)) throw new UserError("--duration must be positive", 2);
        if (daemon.enabled()) return daemon.attach(trace, pids);
        if (AgentDispatch.forAttach(trace.via, pids)) return AgentAttach.run(trace, pids, duration);
        List<String> target = new ArrayList<>();
        if (duration != null) {
            target.add("--duration");
            target.add(duration.toString());
        }
        target.add("-p");
        target.add(pids.stream().map(String::valueOf).collect(Collectors.joining(",")));
        if (trace.correlated()) return trace.runCorrelated(target, List.copyOf(pids));
        List<String> args = new ArrayList<>(trace.helperArgs());
        args.addAll(target);
        return NativeHelper.locate().runInForeground(args);
    }
}
