package dev.nettrace.timeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kernel's view of a TCP socket: the fields of struct tcp_info that `ss -ti` shows. Times are
 * microseconds (rtt) or milliseconds ago (last send/receive), as the kernel reports them.
 */
public record KernelView(TcpState state, int retransmits, long rttUs, long rttvarUs, long totalRetrans,
                         long bytesAcked, long bytesReceived, long bytesSent, long bytesRetrans,
                         long lastDataSentMs, long lastDataRecvMs, long sndCwnd, long minRttUs) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state.name());
        m.put("rttUs", rttUs);
        m.put("rttvarUs", rttvarUs);
        m.put("minRttUs", minRttUs);
        m.put("retransmits", retransmits);
        m.put("retrans", totalRetrans);
        m.put("bytesAcked", bytesAcked);
        m.put("bytesReceived", bytesReceived);
        m.put("bytesSent", bytesSent);
        m.put("bytesRetrans", bytesRetrans);
        m.put("lastSendMs", lastDataSentMs);
        m.put("lastRecvMs", lastDataRecvMs);
        m.put("cwnd", sndCwnd);
        return m;
    }

    /** The inverse of {@link #toMap()}: a record read back from NDJSON or the daemon's store. */
    public static KernelView fromMap(Map<String, Object> m) {
        TcpState state;
        try {
            state = TcpState.valueOf(String.valueOf(m.get("state")));
        } catch (IllegalArgumentException e) {
            state = TcpState.UNKNOWN;
        }
        return new KernelView(state, (int) num(m, "retransmits"), num(m, "rttUs"), num(m, "rttvarUs"), num(m, "retrans"),
                num(m, "bytesAcked"), num(m, "bytesReceived"), num(m, "bytesSent"), num(m, "bytesRetrans"),
                num(m, "lastSendMs"), num(m, "lastRecvMs"), num(m, "cwnd"), num(m, "minRttUs"));
    }

    private static long num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
