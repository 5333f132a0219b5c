package dev.nettrace.timeline;

/** How a connection ended, or that it has not; {@link #label()} is the value in connection records. */
public enum Outcome {
    OPEN("open"), CLOSED("closed"), CLOSED_BY_PEER("closed-by-peer"), RESET("reset"), REFUSED("refused"),
    TIMEOUT("timeout"), UNREACHABLE("unreachable"), ABANDONED("abandoned"), PRE_EXISTING("pre-existing");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Failures worth a line in the "problems" section. */
    public boolean isProblem() {
        return this == RESET || this == REFUSED || this == TIMEOUT || this == UNREACHABLE || this == ABANDONED;
    }

    /** The outcome an errno from connect, SO_ERROR or I/O on a stream socket stands for; null if none. */
    public static Outcome ofErrno(String errno) {
        if (errno == null) return null;
        return switch (errno) {
            case "ECONNREFUSED" -> REFUSED;
            case "ETIMEDOUT" -> TIMEOUT;
            case "ENETUNREACH", "EHOSTUNREACH", "EHOSTDOWN", "ENETDOWN", "EADDRNOTAVAIL" -> UNREACHABLE;
            case "ECONNRESET", "ECONNABORTED", "EPIPE" -> RESET;
            default -> null;
        };
    }
}
