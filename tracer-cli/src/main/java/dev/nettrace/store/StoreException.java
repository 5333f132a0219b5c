package dev.nettrace.store;

/** The store cannot do what was asked; the message is meant for the user as it is. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
