package dev.nettrace.correlate;

/** Names of the errno values a connect can end with, for sources that report SO_ERROR as a number. */
final class ErrnoNames {
    private ErrnoNames() {}

    static String of(int errno) {
        return switch (errno) {
            case 32 -> "EPIPE";
            case 101 -> "ENETUNREACH";
            case 103 -> "ECONNABORTED";
            case 104 -> "ECONNRESET";
            case 110 -> "ETIMEDOUT";
            case 111 -> "ECONNREFUSED";
            case 112 -> "EHOSTDOWN";
            case 113 -> "EHOSTUNREACH";
            case 99 -> "EADDRNOTAVAIL";
            case 13 -> "EACCES";
            case 1 -> "EPERM";
            default -> "errno " + errno;
        };
    }
}
