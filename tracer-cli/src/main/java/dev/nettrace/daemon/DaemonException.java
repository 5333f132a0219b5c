package dev.nettrace.daemon;

import java.io.IOException;

/** The daemon is unreachable or said no; the message is one line for the user. */
public final class DaemonException extends IOException {
    public DaemonException(String message) {
        super(message);
    }
}
