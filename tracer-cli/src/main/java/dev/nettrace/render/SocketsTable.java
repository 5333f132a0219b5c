package dev.nettrace.render;

import dev.nettrace.correlate.SocketEntry;
import dev.nettrace.json.Json;
import dev.nettrace.netlink.InetSocket;
import dev.nettrace.procfs.ProcNetRow;
import dev.nettrace.timeline.KernelView;
import dev.nettrace.timeline.TcpState;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `nettrace sockets PID`: one process's sockets now, in the shape of `ss -tunaip`, or as NDJSON. */
public final class SocketsTable {
    private SocketsTable() {}

    public static void text(PrintStream out, String comm, List<SocketEntry> entries) {
        out.println(String.format("%-6s %-11s %6s %6s %-40s %-40s %s", "Netid", "State", "Recv-Q", "Send-Q", "Local Address:Port", "Peer Address:Port", "Process"));
        for (SocketEntry e : entries) {
            String proc = "(\"" + comm + "\",pid=" + e.pid() + ",fd=" + e.fd() + ")";
            InetSocket s = e.inet();
            ProcNetRow r = e.row();
            if (s != null) {
                out.println(String.format("%-6s %-11s %6d %6d %-40s %-40s %s", s.proto(), state(s), s.recvQueue(), s.sendQueue(),
                        s.local(), s.remote(), proc));
                if (s.tcp() != null) out.println("\t " + tcpInfo(s.tcp()) + " cookie:" + Long.toUnsignedString(s.cookie()) + " ino:" + s.inode());
            } else if (r != null) {
                String local = r.path() != null ? r.path() : r.local() != null ? r.local().toString() : "*";
                out.println(String.format("%-6s %-11s %6d %6d %-40s %-40s %s", r.proto(), r.proto().equals("unix") ? unixState(r.state()) : "UNCONN",
                        r.recvQueue(), r.sendQueue(), local + " " + r.inode(), r.remote() != null ? r.remote().toString() : "*", proc));
            } else {
                out.println(String.format("%-6s %-11s %6s %6s %-40s %-40s %s", "?", "-", "-", "-", "socket:[" + e.inode() + "]", "*", proc));
            }
        }
    }

    public static void json(PrintStream out, List<SocketEntry> entries) {
        for (SocketEntry e : entries) out.println(Json.write(toMap(e)));
    }

    static Map<String, Object> toMap(SocketEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "socket");
        m.put("pid", e.pid());
        m.put("fd", e.fd());
        m.put("inode", e.inode());
        m.put("netns", e.netns());
        m.put("proto", e.proto());
        if (e.inet() != null) {
            InetSocket s = e.inet();
            m.put("state", state(s));
            m.put("local", s.local().toString());
            m.put("remote", s.remote().toString());
            if (s.cookie() != 0) m.put("cookie", Long.toUnsignedString(s.cookie()));
            m.put("recvQ", s.recvQueue());
            m.put("sendQ", s.sendQueue());
            if (s.tcp() != null) m.put("kernel", s.tcp().toMap());
        } else if (e.row() != null) {
            ProcNetRow r = e.row();
            m.put("local", r.path() != null ? r.path() : r.local() != null ? r.local().toString() : null);
            m.put("remote", r.remote() != null ? r.remote().toString() : null);
        }
        return m;
    }

    /** ss's words: UDP sockets are UNCONN or ESTAB, TCP ones their state. */
    private static String state(InetSocket s) {
        if (!s.isTcp()) return s.state() == TcpState.ESTABLISHED ? "ESTAB" : "UNCONN";
        return s.state() == TcpState.ESTABLISHED ? "ESTAB" : s.state().name();
    }

    private static String unixState(int st) {
        return st == 3 ? "ESTAB" : st == 1 ? "UNCONN" : "LISTEN";
    }

    private static String tcpInfo(KernelView k) {
        return String.format("rtt:%.3f/%.3f minrtt:%.3f cwnd:%d bytes_sent:%d bytes_retrans:%d bytes_acked:%d bytes_received:%d retrans:%d/%d lastsnd:%d lastrcv:%d",
                k.rttUs() / 1000.0, k.rttvarUs() / 1000.0, k.minRttUs() / 1000.0, k.sndCwnd(), k.bytesSent(), k.bytesRetrans(),
                k.bytesAcked(), k.bytesReceived(), k.retransmits(), k.totalRetrans(), k.lastDataSentMs(), k.lastDataRecvMs());
    }
}
