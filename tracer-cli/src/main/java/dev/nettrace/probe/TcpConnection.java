package dev.nettrace.probe;

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
    private static final String ESTABLISHED = "01";

    public static TcpConnection parse(String spec) {
        Matcher m = PID_FD.matcher(spec);
        if (m.matches()) return ofFd(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)));
        String[] parts = spec.split(",");
        if (parts.length != 2) throw new ProbeException("--conn wants PID:FD or LOCAL,REMOTE (ip:port,ip:port), not '" + spec + "'");
        return new TcpConnection(endpoint(parts[0]), endpoint(parts[1]), Path.of("/proc/thread-self/ns/net"), null);
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
        String inode = m.group(1);
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table));
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 10 || !f[9].equals(inode)) continue;
                if (!f[3].equals(ESTABLISHED)) throw new ProbeException("socket " + pid + ":" + fd + " is not an established TCP connection");
                return new TcpConnection(ProcNetAddress.decode(f[1]), ProcNetAddress.decode(f[2]), Netns.ofProcess(pid), pid + ":" + fd);
            }
        }
        throw new ProbeException("descriptor " + fd + " of process " + pid + " is not a TCP socket");
    }

    public String describe() {
        return local.getAddress().getHostAddress() + ":" + local.getPort() + " -> " + remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }
}
