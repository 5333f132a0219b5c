package dev.nettrace.render;

import dev.nettrace.correlate.Correlator;
import dev.nettrace.model.Event;
import java.io.PrintStream;
import java.util.Map;

/**
 * Human text: one line per call (time, process, call, descriptor, addresses, result, and with
 * -T its duration), then the summary of connections at exit. Public for `nettrace dump`, which
 * renders a stored trace as `run` renders a live one.
 */
public final class TextOutput implements TraceOutput {
    private final PrintStream out;
    private final TimeStyle time;
    private final boolean durations;
    private final Palette paint;
    private final java.util.function.IntFunction<String> comm;
    private long start = -1, previous;

    /** @param comm names processes for the call lines (the correlator knows them). */
    public TextOutput(PrintStream out, TimeStyle time, boolean durations, boolean colour, java.util.function.IntFunction<String> comm) {
        this.out = out;
        this.time = time;
        this.durations = durations;
        this.paint = new Palette(colour);
        this.comm = comm;
    }

    @Override
    public void event(Event e, String line) {
        out.println(line(e));
    }

    String line(Event e) {
        if (start < 0) start = previous = e.ts;
        StringBuilder b = new StringBuilder();
        b.append(paint.dim(time.format(e.ts, start, previous))).append(' ');
        previous = e.ts;
        String name = e.thread != null ? e.thread : comm.apply(e.pid);
        String who = (name != null ? name : "") + "[" + e.pid + (e.tid != e.pid && e.tid != 0 ? "/" + e.tid : "") + "]";
        padded(b, who, 14).append(' ');
        String call = e.syscall != null && !e.syscall.equals(e.op) ? e.op + "/" + e.syscall : e.op;
        b.append(paint.bold(padded(new StringBuilder(12), call, 12).toString()));
        if (e.fd >= 0) b.append(" fd ").append(e.fd);
        describe(b, e);
        if (e.errno != null) b.append("  = ").append(paint.red((e.ret == null ? "-1" : e.ret) + " " + e.errno));
        else if (e.ret != null) b.append("  = ").append(e.ret);
        if (durations && e.durNs != null) b.append(paint.dim("  <" + Units.duration(e.durNs) + ">"));
        return b.toString();
    }

    private void describe(StringBuilder b, Event e) {
        switch (e.op == null ? "" : e.op) {
            case "socket", "socketpair" -> b.append(' ').append(join(e.family, e.sockType, e.protocol));
            case "connect" -> b.append(" -> ").append(paint.cyan(e.remote));
            case "accept" -> b.append(" <- ").append(paint.cyan(e.remote)).append(e.newFd >= 0 ? " as fd " + e.newFd : "");
            case "bind", "getsockname" -> append(b, " local ", e.local);
            case "send", "recv" -> {
                if (e.bytes != null) b.append(' ').append(Units.bytes(e.bytes));
                append(b, e.op.equals("send") ? " to " : " from ", e.remote);
            }
            case "getsockopt", "setsockopt" -> {
                if (e.optname != null) b.append(' ').append(e.optname).append(e.optval != null ? "=" + e.optval : "");
            }
            case "dns" -> b.append(' ').append(e.host).append(" -> ").append(e.answers);
            case "fork" -> b.append(" child ").append(e.child);
            case "exec" -> { }
            default -> {
                append(b, " local ", e.local);
                append(b, " remote ", e.remote);
            }
        }
    }

    /** printf's "%-Ns" (the line's columns) without a Formatter: a dump prints hundreds of thousands. */
    private static StringBuilder padded(StringBuilder b, String s, int width) {
        b.append(s);
        for (int n = String.valueOf(s).length(); n < width; n++) b.append(' ');
        return b;
    }

    private static void append(StringBuilder b, String label, String v) {
        if (v != null) b.append(label).append(v);
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) if (p != null) b.append(b.length() > 0 ? " " : "").append(p);
        return b.toString();
    }

    @Override
    public void record(Map<String, Object> record, String line) {
        if ("exit".equals(record.get("type"))) {
            Object code = record.get("code"), signal = record.get("signal");
            out.println(paint.dim("+++ " + record.get("pid") + (signal != null ? " killed by " + signal : " exited with " + (code == null ? "?" : code)) + " +++"));
        }
    }

    @Override
    public void finish(Correlator correlator) {
        new SummaryText(out, paint).print(correlator);
        out.flush();
    }
}
