package dev.nettrace.procfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Which descriptors of a process are sockets: /proc/PID/fd/N links read "socket:[INODE]". */
public final class ProcFds {
    private ProcFds() {}

    /** The socket inode behind descriptor {@code fd} of {@code pid}, or 0 if it is not (or no longer) a socket. */
    public static long socketInode(int pid, int fd) {
        try {
            return inodeOf(Files.readSymbolicLink(Path.of("/proc", Integer.toString(pid), "fd", Integer.toString(fd))).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    /** fd -> socket inode for every socket descriptor of {@code pid}, in descriptor order; empty if it is gone. */
    public static Map<Integer, Long> sockets(int pid) {
        Map<Integer, Long> out = new LinkedHashMap<>();
        Path dir = Path.of("/proc", Integer.toString(pid), "fd");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                long inode;
                try {
                    inode = inodeOf(Files.readSymbolicLink(p).toString());
                } catch (IOException e) {
                    continue; // closed while we looked
                }
                if (inode != 0) out.put(Integer.parseInt(p.getFileName().toString()), inode);
            }
        } catch (IOException e) {
            return out;
        }
        return out.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll);
    }

    static long inodeOf(String link) {
        if (!link.startsWith("socket:[") || !link.endsWith("]")) return 0;
        return Long.parseLong(link.substring(8, link.length() - 1));
    }
}
