package dev.nettrace.daemon;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "detach", mixinStandardHelpOptions = true,
        description = "Stop tracing PID: the daemon's helper detaches, an agent restores its classes. The stored timeline stays.")
public final class DetachCommand implements Callable<Integer> {
    @Mixin SocketOption socket;

    @Parameters(paramLabel = "PID", description = "The traced process.")
    int pid;

    @Override
    public Integer call() {
        Map<String, Object> r = socket.request(Map.of("cmd", "detach", "pid", pid), line -> { });
        for (Object how : (List<?>) r.get("detached")) System.err.println("nettrace: pid " + pid + ": " + how);
        return 0;
    }
}
