package dev.nettrace.timeline;

/** The kernel's TCP states, numbered as in include/net/tcp_states.h (and /proc/net/tcp's "st"). */
public enum TcpState {
    UNKNOWN, ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, CLOSE, CLOSE_WAIT,
    LAST_ACK, LISTEN, CLOSING, NEW_SYN_RECV;

    public static TcpState of(int number) {
        TcpState[] all = values();
        return number > 0 && number < all.length ? all[number] : UNKNOWN;
    }

    /** Bit of this state in sock_diag's idiag_states mask. */
    public int mask() {
        return 1 << ordinal();
    }
}
