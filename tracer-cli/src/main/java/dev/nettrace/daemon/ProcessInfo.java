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
            String[] after = afterComm(stat);
            long start = Long.parseLong(after[19]); // field 22 overall
            return new ProcessInfo(pid, uids[0], uids[1], uids[2], start, name, nsPid);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether pid is still the process that started at startTicks (0: any) and has not exited (a zombie has). */
    static boolean running(int pid, long startTicks) {
        try {
            String[] after = afterComm(Files.readString(Path.of("/proc", Integer.toString(pid), "stat")));
            return !after[0].equals("Z") && !after[0].equals("X") && (startTicks == 0 || Long.parseLong(after[19]) == startTicks);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The fields of /proc/PID/stat after comm, from the state (field 3) on. */
    private static String[] afterComm(String stat) {
        // comm may contain spaces and parentheses: the fields after it start at the last ')'.
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    }

    /** The rule ptrace applies to uids: root may trace anyone, others only processes wholly theirs. */
    boolean traceableBy(int uid) {
        return uid == 0 || (realUid == uid && effectiveUid == uid && savedUid == uid);
    }
}
