package dev.nettrace.model;

import dev.nettrace.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One observed call, from any source. Field names are the NDJSON keys of ARCHITECTURE.md's
 * event model; null (or -1 for descriptors) means "not known" and is left out of the JSON.
 * The record kind takes the key "type" ("event"), so the socket type travels as "sockType".
 */
public final class Event {
    public long ts;
    public int pid, tid;
    public String thread;
    public boolean virtual;
    public String source;
    public String op;
    public String syscall;
    public int fd = -1, newFd = -1;
    public String family, sockType, protocol;
    public String local, remote;
    public Long bytes;
    public Long ret;
    public String errno;
    public Long durNs;
    public String host;
    public List<String> answers;
    public List<String> stack;
    /** getsockopt/setsockopt: option name (SO_ERROR) and value (a number, or an errno name for SO_ERROR). */
    public String optname;
    public Object optval;
    /** Payload bytes as hex, where a source captured them (DNS replies for the correlator to decode). */
    public String data;
    /** fork: the new process's pid. */
    public int child = -1;
    /** The socket's inode, where the source could read it while the call's process was stopped. */
    public long inode;
    /** exec and fork: the inode of the process's network namespace, known even after it exits. */
    public long netns;

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "event");
        m.put("ts", ts);
        m.put("pid", pid);
        m.put("tid", tid);
        if (thread != null) m.put("thread", thread);
        if (virtual) m.put("virtual", true);
        m.put("source", source);
        m.put("op", op);
        if (syscall != null) m.put("syscall", syscall);
        if (fd >= 0) m.put("fd", fd);
        if (newFd >= 0) m.put("newFd", newFd);
        if (family != null) m.put("family", family);
        if (sockType != null) m.put("sockType", sockType);
        if (protocol != null) m.put("protocol", protocol);
        if (local != null) m.put("local", local);
        if (remote != null) m.put("remote", remote);
        if (bytes != null) m.put("bytes", bytes);
        if (ret != null) m.put("ret", ret);
        if (errno != null) m.put("errno", errno);
        if (durNs != null) m.put("durNs", durNs);
        if (host != null) m.put("host", host);
        if (answers != null) m.put("answers", answers);
        if (stack != null) m.put("stack", stack);
        if (optname != null) m.put("optname", optname);
        if (optval != null) m.put("optval", optval);
        if (data != null) m.put("data", data);
        if (child >= 0) m.put("child", child);
        if (inode > 0) m.put("inode", inode);
        if (netns > 0) m.put("netns", netns);
        return m;
    }

    public String toJson() {
        return Json.write(toMap());
    }

    /** The inverse of {@link #toMap()}, for NDJSON read back from the helper, a file or the store. */
    @SuppressWarnings("unchecked")
    public static Event fromMap(Map<String, Object> m) {
        Event e = new Event();
        e.ts = num(m.get("ts"), 0L);
        e.pid = (int) num(m.get("pid"), 0L);
        e.tid = (int) num(m.get("tid"), e.pid);
        e.thread = (String) m.get("thread");
        e.virtual = Boolean.TRUE.equals(m.get("virtual"));
        e.source = (String) m.get("source");
        e.op = (String) m.get("op");
        e.syscall = (String) m.get("syscall");
        e.fd = (int) num(m.get("fd"), -1L);
        e.newFd = (int) num(m.get("newFd"), -1L);
        e.family = (String) m.get("family");
        e.sockType = (String) m.get("sockType");
        e.protocol = (String) m.get("protocol");
        e.local = (String) m.get("local");
        e.remote = (String) m.get("remote");
        e.bytes = box(m.get("bytes"));
        e.ret = box(m.get("ret"));
        e.errno = (String) m.get("errno");
        e.durNs = box(m.get("durNs"));
        e.host = (String) m.get("host");
        e.answers = (List<String>) m.get("answers");
        e.stack = (List<String>) m.get("stack");
        e.optname = (String) m.get("optname");
        e.optval = m.get("optval");
        e.data = (String) m.get("data");
        e.child = (int) num(m.get("child"), -1L);
        e.inode = num(m.get("inode"), 0L);
        e.netns = num(m.get("netns"), 0L);
        return e;
    }

    private static long num(Object o, long dflt) {
        return o instanceof Number n ? n.longValue() : dflt;
    }

    private static Long box(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }
}
