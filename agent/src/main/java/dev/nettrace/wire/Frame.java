package dev.nettrace.wire;

import java.util.List;

/**
 * One message from an agent to its collector. A plain mutable holder so that the agent's shipper
 * can reuse one instance; which fields mean something depends on {@link #kind}.
 */
public final class Frame {
    /** First frame of a connection: {@link #pid}, {@link #text} = "java.version vm.name". */
    public static final byte HELLO = 1;
    /** One traced call: every field below. */
    public static final byte EVENT = 2;
    /** Events lost so far because the ring was full: {@link #count}. */
    public static final byte DROPS = 3;
    /** Last frame: the agent stopped tracing; {@link #count} = events dropped in total, {@link #text} = why. */
    public static final byte BYE = 4;
    /**
     * Collector to agent: stop tracing, restore the classes, say BYE. The only frame an agent
     * acts on; others (a daemon's acknowledgements) are skipped. Same envelope: u32 length 1, kind.
     */
    public static final byte DETACH = (byte) 0x85;

    public byte kind;
    public int pid;
    public String text;
    public long count;

    /** Event fields, named as in the event model (ARCHITECTURE.md). */
    public String op;
    public boolean virtual;
    public int fd = -1, newFd = -1, tid;
    public long ts, durNs, ret;
    /** Bytes moved, or -1 when the call moves no data. */
    public long bytes = -1;
    public String thread, family, sockType, local, remote;
    /** errno name when the agent knows it exactly (EAGAIN, EINPROGRESS...); else derived from the exception. */
    public String errno;
    /** The exception the call ended with: class name and message (null when it returned). */
    public String exception, message;
    public String host;
    public List<String> answers;
    /** setsockopt: option name and the value set. */
    public String option, value;
    public List<String> stack;

    public Frame clear(byte kind) {
        this.kind = kind;
        pid = 0;
        text = null;
        count = 0;
        op = null;
        virtual = false;
        fd = -1;
        newFd = -1;
        tid = 0;
        ts = 0;
        durNs = 0;
        ret = 0;
        bytes = -1;
        errno = thread = family = sockType = local = remote = exception = message = host = option = value = null;
        answers = null;
        stack = null;
        return this;
    }
}
