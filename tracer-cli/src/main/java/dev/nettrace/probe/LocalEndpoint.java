package dev.nettrace.probe;

import dev.nettrace.os.Errno;
import dev.nettrace.os.Libc;
import java.net.InetAddress;

/**
 * The local address the kernel would use towards a target, and a TCP port reserved on it, so
 * hand-built SYNs carry a correct checksum and no local socket can ever claim their answers.
 * Closing releases the port.
 */
final class LocalEndpoint implements AutoCloseable {
    final InetAddress address;
    final int port;
    private final NativeSocket reservation;

    private LocalEndpoint(InetAddress address, int port, NativeSocket reservation) {
        this.address = address;
        this.port = port;
        this.reservation = reservation;
    }

    static LocalEndpoint towards(InetAddress target) {
        InetAddress src = sourceAddress(target);
        NativeSocket r = NativeSocket.open(target, Libc.SOCK_STREAM, Libc.IPPROTO_TCP);
        try {
            r.bind(src, 0);
            return new LocalEndpoint(src, r.localAddress().getPort(), r);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** The kernel's route lookup, through a connected UDP socket (no packet is sent). */
    static InetAddress sourceAddress(InetAddress target) {
        try (NativeSocket u = NativeSocket.open(target, Libc.SOCK_DGRAM, Libc.IPPROTO_UDP)) {
            int err = u.connect(target, 9);
            if (err != 0) throw new ProbeException("no route to " + Addresses.text(target) + ": " + Errno.name(err));
            return u.localAddress().getAddress();
        }
    }

    @Override
    public void close() {
        reservation.close();
    }
}
