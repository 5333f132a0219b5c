package dev.nettrace.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What /proc says about a live process: its uids (for the ptrace-like access rule), start time
 * (to tell a reused pid apart), name, and its pid inside its own pid namespace.
 */
record ProcessInfo(int pid, int realUid, int effectiveUid, int savedUid, long startTicks, String comm, int innermostPid) {

    /** The process, or null if it no longer exists. */
    static ProcessInfo read(int pid) {
        if (pid <= 0) return null;
        Path dir = Path.of("/proc", Integer.toString(pid));
        try {
            List<String> status = Files.readAllLines(dir.resolve("status"));
            String stat = Files.readString(dir.resolve("stat"));
            int[] uids = null;
            int nsPid = pid;
            String name = null;
            for (String line : status) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    uids = new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2])};
                } else if (line.startsWith("NSpid:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    nsPid = Integer.parseInt(f[f.length - 1]);
                } else if (line.startsWith("Name:")) {
                    name = line.substring(5).trim();
                }
            }
            if (uids == null) return null;
            // comm may contain spaces and parentheses: the fields after it start at the last ')'.
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long start = Long.parseLong(after[19]); // field 22 overall
            return new ProcessInfo(pid, uids[0], uids[1], uids[2], start, name, nsPid);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The rule ptrace applies to uids: root may trace anyone, others only processes wholly theirs. */
    boolean traceableBy(int uid) {
        return uid == 0 || (realUid == uid && effectiveUid == uid && savedUid == uid);
    }
}
