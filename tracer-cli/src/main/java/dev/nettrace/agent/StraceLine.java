package dev.nettrace.agent;

import dev.nettrace.model.Event;
import java.util.Map;

/**
 * An agent event written the way strace writes the syscall behind it, so that JVM and native
 * traces read alike. The agent copies no payload, so buffers print as "...". DNS is not a
 * syscall; it prints as dns("name") = [answers].
 */
final class StraceLine {
    private StraceLine() {}

    static final Map<String, String> ERRNO_TEXT = Map.ofEntries(
            Map.entry("ECONNREFUSED", "Connection refused"),
            Map.entry("ETIMEDOUT", "Connection timed out"),
            Map.entry("ECONNRESET", "Connection reset by peer"),
            Map.entry("EPIPE", "Broken pipe"),
            Map.entry("EHOSTUNREACH", "No route to host"),
            Map.entry("ENETUNREACH", "Network is unreachable"),
            Map.entry("EADDRINUSE", "Address already in use"),
            Map.entry("EADDRNOTAVAIL", "Cannot assign requested address"),
            Map.entry("EACCES", "Permission denied"),
            Map.entry("EMFILE", "Too many open files"),
            Map.entry("ENOPROTOOPT", "Protocol not available"),
            Map.entry("EINVAL", "Invalid argument"),
            Map.entry("EAGAIN", "Resource temporarily unavailable"),
            Map.entry("EINTR", "Interrupted system call"),
            Map.entry("EINPROGRESS", "Operation now in progress"));

    /** The call and its result, without prefix or timing. */
    static String call(AgentEvent ae) {
        Event e = ae.event();
        String call = switch (e.op) {
            case "connect" -> "connect(" + e.fd + ", " + sockaddr(e.family, e.remote) + ", " + addrlen(e.family, e.remote) + ")";
            case "bind" -> "bind(" + e.fd + ", " + sockaddr(e.family, e.local) + ", " + addrlen(e.family, e.local) + ")";
            case "listen" -> "listen(" + e.fd + ", " + ae.value() + ")";
            case "accept" -> "accept(" + e.fd + ", " + sockaddr(e.family, e.remote) + ", [" + addrlen(e.family, e.remote) + "])";
            case "send" -> e.remote != null
                    ? "sendto(" + e.fd + ", ..., " + size(e) + ", 0, " + sockaddr(e.family, e.remote) + ", " + addrlen(e.family, e.remote) + ")"
                    : "send(" + e.fd + ", ..., " + size(e) + ")";
            case "recv" -> e.remote != null
                    ? "recvfrom(" + e.fd + ", ..., " + size(e) + ", 0, " + sockaddr(e.family, e.remote) + ", [" + addrlen(e.family, e.remote) + "])"
                    : "recv(" + e.fd + ", ..., " + size(e) + ")";
            case "close" -> "close(" + e.fd + ")";
            case "setsockopt" -> "setsockopt(" + e.fd + ", " + level(ae.option()) + ", " + ae.option() + ", " + optval(ae.option(), ae.value()) + ")";
            case "dns" -> "dns(\"" + e.host + "\")";
            default -> e.op + "(" + e.fd + ")";
        };
        return call + " = " + result(ae);
    }

    private static String result(AgentEvent ae) {
        Event e = ae.event();
        if (e.ret != null && e.ret >= 0 && ae.exception() == null) {
            return e.op.equals("dns") ? answers(e) : Long.toString(e.ret);
        }
        if (e.errno != null) return "-1 " + e.errno + " (" + ERRNO_TEXT.getOrDefault(e.errno, ae.exception()) + ")";
        return "-1" + (ae.exception() != null ? " (" + ae.exception() + ")" : "");
    }

    private static String answers(Event e) {
        if (e.answers == null) return "[]";
        StringBuilder b = new StringBuilder("[");
        for (String a : e.answers) b.append(b.length() > 1 ? ", " : "").append('"').append(a).append('"');
        return b.append(']').toString();
    }

    private static String size(Event e) {
        return e.bytes != null ? Long.toString(e.bytes) : "?";
    }

    static String sockaddr(String family, String address) {
        if (address == null) return "NULL";
        if ("AF_UNIX".equals(family)) return "{sa_family=AF_UNIX, sun_path=\"" + address + "\"}";
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon), port = address.substring(colon + 1);
        if ("AF_INET6".equals(family)) {
            return "{sa_family=AF_INET6, sin6_port=htons(" + port + "), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \""
                    + host.substring(1, host.length() - 1) + "\", &sin6_addr), sin6_scope_id=0}";
        }
        return "{sa_family=AF_INET, sin_port=htons(" + port + "), sin_addr=inet_addr(\"" + host + "\")}";
    }

    private static int addrlen(String family, String address) {
        if (address == null) return 0;
        return switch (family == null ? "" : family) {
            case "AF_INET6" -> 28;
            case "AF_UNIX" -> 2 + address.length() + 1;
            default -> 16;
        };
    }

    private static String level(String option) {
        if (option == null) return "?";
        if (option.startsWith("TCP_")) return "SOL_TCP";
        if (option.startsWith("IPV6_")) return "SOL_IPV6";
        if (option.startsWith("IP_")) return "SOL_IP";
        return "SOL_SOCKET";
    }

    private static String optval(String option, String value) {
        String v = switch (value == null ? "" : value) {
            case "true" -> "1";
            case "false" -> "0";
            default -> value;
        };
        return "SO_LINGER".equals(option) ? "{l_onoff=" + (v.startsWith("-") ? 0 : 1) + ", l_linger=" + (v.startsWith("-") ? 0 : v) + "}, 8"
                : "[" + v + "], 4";
    }
}
