package dev.nettrace.correlate;

import dev.nettrace.netlink.InetSocket;
import dev.nettrace.netlink.NetlinkException;
import dev.nettrace.netlink.SockDiag;
import dev.nettrace.procfs.ProcFds;
import dev.nettrace.procfs.ProcNet;
import dev.nettrace.procfs.ProcNetRow;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshots of the sockets processes hold: descriptors from /proc/PID/fd joined on inode with one
 * sock_diag dump per namespace (TCP and UDP with tcp_info) and the process's own
 * /proc/PID/net/{unix,raw,raw6}. One dump per namespace, however many processes share it.
 */
public final class ProcessSockets {
    private static final List<String> OTHER_TABLES = List.of("unix", "raw", "raw6");

    private final KernelAccess kernel;
    private final Map<Long, Map<Long, InetSocket>> inetByNetns = new HashMap<>();
    private final Map<Long, Map<Long, ProcNetRow>> otherByNetns = new HashMap<>();

    public ProcessSockets(KernelAccess kernel) {
        this.kernel = kernel;
    }

    /** The sockets of one process, in descriptor order. */
    public List<SocketEntry> of(int pid) {
        Map<Integer, Long> fds = ProcFds.sockets(pid);
        List<SocketEntry> out = new ArrayList<>(fds.size());
        if (fds.isEmpty()) return out;
        long ns = kernel.netns(pid);
        Map<Long, InetSocket> inet = inetByNetns.computeIfAbsent(ns, k -> dumpInet(pid));
        Map<Long, ProcNetRow> other = null;
        for (Map.Entry<Integer, Long> e : fds.entrySet()) {
            InetSocket s = inet.get(e.getValue());
            ProcNetRow row = null;
            if (s == null) {
                if (other == null) other = otherByNetns.computeIfAbsent(ns, k -> readOther(pid));
                row = other.get(e.getValue());
            }
            out.add(new SocketEntry(pid, e.getKey(), e.getValue(), ns, s, row));
        }
        return out;
    }

    /** Every process's sockets (what `ss -tanp` joins), processes in pid order. */
    public List<SocketEntry> all() {
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path p : ds) pids.add(Integer.parseInt(p.getFileName().toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage());
        }
        pids.sort(null);
        List<SocketEntry> out = new ArrayList<>();
        for (int pid : pids) out.addAll(of(pid));
        return out;
    }

    private Map<Long, InetSocket> dumpInet(int pid) {
        Map<Long, InetSocket> m = new HashMap<>();
        SockDiag d = kernel.diag(pid);
        if (d != null) {
            try {
                for (InetSocket s : d.dumpAll()) if (s.inode() != 0) m.put(s.inode(), s);
                return m;
            } catch (NetlinkException e) {
                m.clear();
            }
        }
        // no sock_diag here (unprivileged in another namespace): the process's own tables, without tcp_info
        for (String t : List.of("tcp", "tcp6", "udp", "udp6")) {
            try {
                ProcNet.read(pid, t, r -> m.put(r.inode(), asInet(r)));
            } catch (IOException e) {
                // process gone
            }
        }
        return m;
    }

    private static InetSocket asInet(ProcNetRow r) {
        boolean tcp = r.proto().startsWith("tcp");
        return new InetSocket(r.proto().endsWith("6") ? 10 : 2, tcp ? 6 : 17, dev.nettrace.timeline.TcpState.of(r.state()),
                r.local(), r.remote(), r.inode(), 0, r.uid(), r.recvQueue(), r.sendQueue(), null);
    }

    private static Map<Long, ProcNetRow> readOther(int pid) {
        Map<Long, ProcNetRow> m = new HashMap<>();
        for (String t : OTHER_TABLES) {
            try {
                ProcNet.read(pid, t, r -> m.put(r.inode(), r));
            } catch (IOException e) {
                // process gone
            }
        }
        return m;
    }
}
