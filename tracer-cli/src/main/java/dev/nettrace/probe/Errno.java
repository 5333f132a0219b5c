package dev.nettrace.probe;

import java.util.Map;

/** errno names for the errors probes meet, as strace and the connection records spell them. */
public final class Errno {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(11, "EAGAIN"), Map.entry(13, "EACCES"), Map.entry(22, "EINVAL"),
            Map.entry(90, "EMSGSIZE"), Map.entry(92, "ENOPROTOOPT"), Map.entry(93, "EPROTONOSUPPORT"),
            Map.entry(97, "EAFNOSUPPORT"), Map.entry(98, "EADDRINUSE"), Map.entry(99, "EADDRNOTAVAIL"),
            Map.entry(100, "ENETDOWN"), Map.entry(101, "ENETUNREACH"), Map.entry(104, "ECONNRESET"),
            Map.entry(110, "ETIMEDOUT"), Map.entry(111, "ECONNREFUSED"), Map.entry(113, "EHOSTUNREACH"),
            Map.entry(115, "EINPROGRESS"), Map.entry(71, "EPROTO"), Map.entry(19, "ENODEV"), Map.entry(2, "ENOENT"));

    private Errno() {}

    public static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }
}
