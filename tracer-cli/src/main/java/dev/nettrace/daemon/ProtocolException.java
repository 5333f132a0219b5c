package dev.nettrace.daemon;

/** A peer broke the protocol; the message is the one line it is told before being disconnected. */
public final class ProtocolException extends RuntimeException {
    public ProtocolException(String message) {
        super(message);
    }
}
