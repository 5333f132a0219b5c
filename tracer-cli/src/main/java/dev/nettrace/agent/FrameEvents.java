package dev.nettrace.agent;

import dev.nettrace.model.Event;
import dev.nettrace.wire.Frame;
import java.util.List;
import java.util.Map;

/** Turns the agent's EVENT frames into the event model. */
public final class FrameEvents {
    private FrameEvents() {}

    /** Message fragments of the JDK's socket exceptions (they carry the C library's strerror text). */
    private static final Map<String, String> ERRNO_BY_MESSAGE = Map.ofEntries(
            Map.entry("Connection refused", "ECONNREFUSED"),
            Map.entry("Connection timed out", "ETIMEDOUT"),
            Map.entry("Connection reset", "ECONNRESET"),
            Map.entry("Broken pipe", "EPIPE"),
            Map.entry("No route to host", "EHOSTUNREACH"),
            Map.entry("Network is unreachable", "ENETUNREACH"),
            Map.entry("Address already in use", "EADDRINUSE"),
            Map.entry("Cannot assign requested address", "EADDRNOTAVAIL"),
            Map.entry("Permission denied", "EACCES"),
            Map.entry("Too many open files", "EMFILE"),
            Map.entry("Protocol not available", "ENOPROTOOPT"),
            Map.entry("Invalid argument", "EINVAL"));

    public static AgentEvent toEvent(Frame f, int pid) {
        Event e = new Event();
        e.source = "agent";
        e.pid = pid;
        e.tid = f.tid;
        e.thread = f.thread;
        e.virtual = f.virtual;
        e.ts = f.ts;
        e.durNs = f.durNs;
        e.op = f.op;
        e.fd = f.fd;
        e.newFd = f.newFd;
        e.family = f.family;
        e.sockType = f.sockType;
        e.protocol = protocol(f.family, f.sockType);
        e.local = f.local;
        e.remote = f.remote;
        e.bytes = f.bytes >= 0 ? f.bytes : null;
        e.ret = f.ret;
        e.errno = f.errno != null ? f.errno : errnoOf(f.exception, f.message);
        e.host = f.host;
        e.answers = f.answers;
        e.stack = f.stack;
        if (f.option != null && !"listen".equals(f.op)) {
            e.optname = f.option;
            e.optval = f.value;
        }
        String exception = f.exception == null ? null : f.message == null ? f.exception : f.exception + ": " + f.message;
        return new AgentEvent(e, exception, f.option, f.value);
    }

    /** The errno behind a JDK socket exception, when its message or class says it; else null. */
    static String errnoOf(String exceptionClass, String message) {
        if (exceptionClass == null) return null;
        if (message != null) {
            for (Map.Entry<String, String> m : ERRNO_BY_MESSAGE.entrySet()) {
                if (message.contains(m.getKey())) return m.getValue();
            }
        }
        if (List.of("java.net.SocketTimeoutException", "java.net.http.HttpConnectTimeoutException").contains(exceptionClass)) return "ETIMEDOUT";
        if (exceptionClass.equals("java.net.NoRouteToHostException")) return "EHOSTUNREACH";
        if (exceptionClass.equals("java.net.BindException") && message == null) return "EADDRINUSE";
        return null;
    }

    private static String protocol(String family, String sockType) {
        if (family == null || family.equals("AF_UNIX") || sockType == null) return null;
        return sockType.equals("SOCK_STREAM") ? "IPPROTO_TCP" : sockType.equals("SOCK_DGRAM") ? "IPPROTO_UDP" : null;
    }
}
