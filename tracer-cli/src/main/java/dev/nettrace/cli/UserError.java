package dev.nettrace.cli;

/** A failure caused by the user's input or environment: reported as one line, exit code 1. */
public final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(String message) {
        this(message, 1);
    }

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** One line for any throwable: ours verbatim, others by class and message. */
    static String describe(Throwable t) {
        if (t instanceof UserError) return t.getMessage();
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg.lines().findFirst().orElse(""));
    }
}
