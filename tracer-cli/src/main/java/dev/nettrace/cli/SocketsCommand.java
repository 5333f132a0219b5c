package dev.nettrace.cli;

import dev.nettrace.correlate.KernelAccess;
import dev.nettrace.correlate.ProcessSockets;
import dev.nettrace.correlate.SocketEntry;
import dev.nettrace.procfs.ProcessFacts;
import dev.nettrace.render.SocketsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sockets", mixinStandardHelpOptions = true,
        description = "The sockets a process holds now, with tcp_info (like `ss -tunaip` for one process, in its own network namespace).")
public final class SocketsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PID", description = "The process.")
    int pid;

    @Option(names = "--json", description = "One NDJSON record per socket.")
    boolean json;

    @Override
    public Integer call() {
        if (pid <= 0 || !Files.isDirectory(Path.of("/proc", Integer.toString(pid)))) throw new UserError("no such process: " + pid);
        if (!Files.isReadable(Path.of("/proc", Integer.toString(pid), "fd")) || !Files.isExecutable(Path.of("/proc", Integer.toString(pid), "fd"))) {
            throw new UserError("cannot read the descriptors of process " + pid + " (permission denied)");
        }
        List<SocketEntry> entries;
        try (KernelAccess kernel = new KernelAccess(true)) {
            entries = new ProcessSockets(kernel).of(pid);
        }
        if (json) SocketsTable.json(System.out, entries);
        else SocketsTable.text(System.out, ProcessFacts.comm(pid), entries);
        System.out.flush();
        return 0;
    }
}
