package dev.nettrace.procfs;

import dev.nettrace.timeline.Endpoint;

/**
 * One line of /proc/PID/net/{tcp,tcp6,udp,udp6,raw,raw6,unix}. For unix sockets {@code path}
 * is set (abstract names start with '@') and the endpoints are null; for raw sockets the local
 * "port" is the IP protocol number.
 */
public record ProcNetRow(String proto, Endpoint local, Endpoint remote, int state, long inode, int uid,
                         long sendQueue, long recvQueue, String path, int unixType) {
}
