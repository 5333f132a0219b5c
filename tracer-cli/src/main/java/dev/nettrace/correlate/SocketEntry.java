package dev.nettrace.correlate;

import dev.nettrace.netlink.InetSocket;
import dev.nettrace.procfs.ProcNetRow;

/**
 * One socket a process holds right now: its descriptor and inode, with the kernel's row for it
 * (sock_diag for TCP/UDP, /proc/PID/net for unix and raw; either may be null for a socket in
 * no table, such as netlink or packet sockets).
 */
public record SocketEntry(int pid, int fd, long inode, long netns, InetSocket inet, ProcNetRow row) {

    public String proto() {
        if (inet != null) return inet.proto();
        if (row != null) return row.proto();
        return "other";
    }
}
