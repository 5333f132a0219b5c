package dev.nettrace.netlink;

/**
 * A netlink or libc call failed; {@link #errno()} is the positive errno (ENOENT = 2: no such
 * socket). {@link #refusal()} tells the kernel's answer to a request (an NLMSG_ERROR, e.g. no route)
 * from a failure to ask at all.
 */
public final class NetlinkException extends RuntimeException {
    private final int errno;
    private final boolean refusal;

    public NetlinkException(String what, int errno) {
        this(what, errno, false);
    }

    private NetlinkException(String what, int errno, boolean refusal) {
        super(what + ": errno " + errno);
        this.errno = errno;
        this.refusal = refusal;
    }

    /** The kernel answered the request with this error. */
    static NetlinkException refused(int errno) {
        return new NetlinkException("netlink request", errno, true);
    }

    public int errno() {
        return errno;
    }

    public boolean refusal() {
        return refusal;
    }
}
