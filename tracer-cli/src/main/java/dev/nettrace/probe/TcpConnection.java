package dev.nettrace.probe;

import dev.nettrace.os.Netns;
import dev.nettrace.procfs.ProcNet;
import dev.nettrace.procfs.ProcNetRow;
import dev.nettrace.timeline.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An established TCP connection named by the user: `PID:FD` (looked up in the process's own
 * /proc/PID/net/tcp{,6} through the socket inode) or `LOCAL,REMOTE` addresses. {@code netns}
 * is where probes of it must run.
 */
public record TcpConnection(InetSocketAddress local, InetSocketAddress remote, Path netns, String owner) {
    private static final Pattern PID_FD = Pattern.compile("(\\d+):(\\d+)");
    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
    private static final int ESTABLISHED = 1;

    public static TcpConnection parse(String spec) {
        Matcher m = PID_FD.matcher(spec);
        if (m.matches()) return ofFd(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)));
        String[] parts = spec.split(",");
        if (parts.length != 2) throw new ProbeException("--conn wants PID:FD or LOCAL,REMOTE (ip:port,ip:port), not '" + spec + "'");
        return new TcpConnection(endpoint(parts[0]), endpoint(parts[1]), Netns.own(), null);
    }

    private static InetSocketAddress endpoint(String s) {
        String t = s.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0) throw new ProbeException("'" + s + "' is not ip:port");
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        try {
            int port = Integer.parseInt(t.substring(colon + 1));
            if (!host.matches("[0-9a-fA-F:.]+")) throw new ProbeException("'" + s + "' must be a numeric address");
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (NumberFormatException | IOException e) {
            throw new ProbeException("'" + s + "' is not ip:port");
        }
    }

    static TcpConnection ofFd(long pid, int fd) {
        String link;
        try {
            link = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", Integer.toString(fd))).toString();
        } catch (IOException e) {
            throw new ProbeException("no descriptor " + fd + " in process " + pid);
        }
        Matcher m = SOCKET_LINK.matcher(link);
        if (!m.matches()) throw new ProbeException("descriptor " + fd + " of process " + pid + " is not a socket (" + link + ")");
        long inode = Long.parseLong(m.group(1));
        for (String table : List.of("tcp", "tcp6")) {
            List<ProcNetRow> rows;
            try {
                rows = ProcNet.read((int) pid, table);
            } catch (IOException e) {
                continue;
            }
            for (ProcNetRow row : rows) {
                if (row.inode() != inode) continue;
                if (row.state() != ESTABLISHED) throw new ProbeException("socket " + pid + ":" + fd + " is not an established TCP connection");
                return new TcpConnection(socketAddress(row.local()), socketAddress(row.remote()), Netns.ofProcess(pid), pid + ":" + fd);
            }
        }
        throw new ProbeException("descriptor " + fd + " of process " + pid + " is not a TCP socket");
    }

    private static InetSocketAddress socketAddress(Endpoint e) {
        return new InetSocketAddress(e.address(), e.port());
    }

    public String describe() {
        return local.getAddress().getHostAddress() + ":" + local.getPort() + " -> " + remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }
}
