package dev.nettrace.netlink;

import dev.nettrace.os.Libc;
import dev.nettrace.timeline.Endpoint;
import dev.nettrace.timeline.KernelView;
import dev.nettrace.timeline.TcpState;

/**
 * One TCP or UDP socket as sock_diag describes it (struct inet_diag_msg plus tcp_info when asked
 * for). The cookie identifies the socket for its whole life, including in destroy notifications,
 * when the inode is already 0.
 */
public record InetSocket(int family, int protocol, TcpState state, Endpoint local, Endpoint remote,
                         long inode, long cookie, int uid, long recvQueue, long sendQueue, KernelView tcp) {

    public boolean isTcp() {
        return protocol == Libc.IPPROTO_TCP;
    }

    /** tcp, tcp6, udp, udp6: the proto of connection records. */
    public String proto() {
        return (isTcp() ? "tcp" : "udp") + (family == Libc.AF_INET6 ? "6" : "");
    }
}
