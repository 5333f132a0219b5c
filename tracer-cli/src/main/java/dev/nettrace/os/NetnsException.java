package dev.nettrace.os;

/** A network namespace could not be opened or entered; the message ends with the errno's name. */
public final class NetnsException extends RuntimeException {
    private final int errno;

    public NetnsException(String what, int errno) {
        super(what + ": " + Errno.name(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
