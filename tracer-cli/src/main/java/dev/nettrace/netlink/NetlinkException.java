package dev.nettrace.netlink;

/** A netlink or libc call failed; {@link #errno()} is the positive errno (ENOENT = 2: no such socket). */
public final class NetlinkException extends RuntimeException {
    private final int errno;

    public NetlinkException(String what, int errno) {
        super(what + ": errno " + errno);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
