package dev.nettrace.probe;

/** A probe could not be carried out (a socket call failed for a reason other than privilege). */
public final class ProbeException extends RuntimeException {
    public ProbeException(String message) {
        super(message);
    }
}
