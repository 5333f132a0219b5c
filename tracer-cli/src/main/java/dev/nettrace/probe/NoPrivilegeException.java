package dev.nettrace.probe;

/** A raw or packet socket was refused (no CAP_NET_RAW): callers fall back to weaker probes. */
public final class NoPrivilegeException extends RuntimeException {
    NoPrivilegeException(String what) {
        super(what + " needs CAP_NET_RAW");
    }
}
