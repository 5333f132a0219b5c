package dev.nettrace.procfs;

import dev.nettrace.os.JnaStartup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/** Who a process is: name, command line, user, start time, parent (through OSHI). */
public record ProcessFacts(int pid, String name, String commandLine, String user, long startMs, int parent) {
    private static OperatingSystem os;

    private static synchronized OperatingSystem os() {
        // OSHI logs through SLF4J; without a provider SLF4J would warn on stderr, in the middle of a trace
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
        if (os == null) {
            JnaStartup.prepare(); // OSHI's first JNA use gets the cached native library too
            os = new SystemInfo().getOperatingSystem();
        }
        return os;
    }

    /** The facts now; for a process that is already gone only the pid is known. */
    public static ProcessFacts of(int pid) {
        OSProcess p = os().getProcess(pid);
        if (p == null) return new ProcessFacts(pid, comm(pid), null, null, 0, 0);
        return new ProcessFacts(pid, p.getName(), p.getCommandLine(), p.getUser(), p.getStartTime(), p.getParentProcessID());
    }

    /**
     * /proc/PID/cmdline, read when a traced process is first seen: a short-lived program is gone
     * before the end of the trace, when OSHI would be asked. Null if the process is gone.
     */
    public static String commandLine(int pid) {
        try {
            String raw = Files.readString(Path.of("/proc", Integer.toString(pid), "cmdline"));
            return raw.replace('\0', ' ').strip();
        } catch (Exception e) {
            return null;
        }
    }

    /** /proc/PID/comm, cheaper than OSHI where only the name is needed; null if the process is gone. */
    public static String comm(int pid) {
        try {
            return Files.readString(Path.of("/proc", Integer.toString(pid), "comm")).strip();
        } catch (Exception e) {
            return null;
        }
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "process");
        m.put("pid", pid);
        m.put("comm", name);
        if (commandLine != null) m.put("cmdline", commandLine);
        if (user != null) m.put("user", user);
        if (startMs > 0) m.put("startNs", startMs * 1_000_000L);
        if (parent > 0) m.put("ppid", parent);
        return m;
    }
}
