package dev.nettrace.procfs;

import dev.nettrace.timeline.Endpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The socket tables as one process sees them: /proc/PID/net/* shows the tables of that
 * process's network namespace, which is what makes containers and other namespaces come out
 * right (the host's /proc/net and ss show only their own).
 */
public final class ProcNet {
    private ProcNet() {}

    /** Table names under /proc/PID/net, which are also the proto of connection records. */
    public static final List<String> TABLES = List.of("tcp", "tcp6", "udp", "udp6", "raw", "raw6", "unix");

    public static List<ProcNetRow> read(int pid, String table) throws IOException {
        List<ProcNetRow> rows = new ArrayList<>();
        read(pid, table, rows::add);
        return rows;
    }

    public static void read(int pid, String table, Consumer<ProcNetRow> sink) throws IOException {
        Path p = Path.of("/proc", Integer.toString(pid), "net", table);
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.ISO_8859_1)) {
            r.readLine(); // column titles
            for (String line; (line = r.readLine()) != null; ) {
                ProcNetRow row = table.equals("unix") ? parseUnix(line) : parseInet(table, line);
                if (row != null) sink.accept(row);
            }
        } catch (NoSuchFileException e) {
            // no IPv6 in this kernel or namespace: an empty table
        }
    }

    /** "  0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0  0 12345 ..." */
    static ProcNetRow parseInet(String table, String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10) return null;
        Endpoint local = endpoint(f[1]);
        Endpoint remote = endpoint(f[2]);
        int colon = f[4].indexOf(':');
        long tx = Long.parseLong(f[4].substring(0, colon), 16);
        long rx = Long.parseLong(f[4].substring(colon + 1), 16);
        return new ProcNetRow(table, local, remote, Integer.parseInt(f[3], 16), Long.parseLong(f[9]),
                Integer.parseInt(f[7]), tx, rx, null, 0);
    }

    /** "ffff...: 00000002 00000000 00010000 0001 01 12345 /run/x" (path absent when unnamed). */
    static ProcNetRow parseUnix(String line) {
        String[] f = line.trim().split("\\s+", 8);
        if (f.length < 7) return null;
        String path = f.length == 8 ? f[7] : null;
        return new ProcNetRow("unix", null, null, Integer.parseInt(f[5], 16), Long.parseLong(f[6]), -1, 0, 0,
                path, Integer.parseInt(f[4], 16));
    }

    /**
     * "0100007F:1F90": the address is the kernel's in-memory words printed as hex, i.e. each
     * 32-bit word byte-swapped on little-endian machines; the port is plain hex.
     */
    public static Endpoint endpoint(String hex) {
        int colon = hex.indexOf(':');
        String a = hex.substring(0, colon);
        byte[] addr = new byte[a.length() / 2];
        for (int word = 0; word < addr.length / 4; word++) {
            for (int k = 0; k < 4; k++) {
                int from = (word * 4 + (3 - k)) * 2;
                addr[word * 4 + k] = (byte) Integer.parseInt(a.substring(from, from + 2), 16);
            }
        }
        return Endpoint.of(addr, Integer.parseInt(hex.substring(colon + 1), 16));
    }
}
