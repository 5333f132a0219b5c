package dev.nettrace.agent;

import dev.nettrace.cli.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What attaching needs to know about a process: whose it is and which pid it has in its own
 * pid namespace (from /proc/PID/status), and whether it sees another filesystem than we do.
 */
record TargetProcess(long pid, int euid, int egid, long nsPid, boolean otherMountNamespace) {
    static TargetProcess of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        int euid = -1, egid = -1;
        long nsPid = pid;
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                String[] f = line.split("\\s+");
                if (line.startsWith("Uid:")) euid = Integer.parseInt(f[2]);
                else if (line.startsWith("Gid:")) egid = Integer.parseInt(f[2]);
                else if (line.startsWith("NStgid:")) nsPid = Long.parseLong(f[f.length - 1]);
            }
            boolean otherMnt = !Files.readSymbolicLink(proc.resolve("ns/mnt")).equals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")));
            return new TargetProcess(pid, euid, egid, nsPid, otherMnt);
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot read /proc/" + pid + ": " + e.getMessage());
        }
    }

    /** The target's root directory as we can reach it: its mount namespace's view of "/". */
    Path root() {
        return Path.of("/proc", Long.toString(pid), "root");
    }
}
