package dev.nettrace.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by `run` and `attach`; letters mean what they mean to strace users. */
public final class TraceOptions {
    public enum Format { strace, json, text }

    /** Which tracer: the javaagent for JVMs, ptrace for any process; auto picks by what the target is. */
    public enum Via { auto, agent, ptrace }

    @Option(names = "--via", paramLabel = "TRACER", description = "How to trace: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: the agent for JVMs, ptrace otherwise).")
    public Via via = Via.auto;

    @Option(names = "--stack", description = "JVMs: add the Java stack of each connect, accept, bind and DNS lookup.")
    public boolean stack;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public Format format = Format.strace;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the trace to FILE instead of stderr.")
    public Path output;

    @Option(names = {"-s", "--string-limit"}, paramLabel = "N", description = "Print at most N bytes of each buffer (default: ${DEFAULT-VALUE}).")
    public int stringLimit = 32;

    @Option(names = "-q", description = "Quieter: -q hides attach/detach messages, -qq also exit lines.")
    public boolean[] quiet = new boolean[0];

    @Option(names = "-f", description = "Follow forks (always on; accepted for strace users).")
    public boolean follow;

    @Option(names = "-e", paramLabel = "EXPR", description = "Only trace=network (the default) is supported.")
    public List<String> expressions = new ArrayList<>();

    @Option(names = "-T", description = "Show the time spent in each call.")
    public boolean syscallTimes;

    @Option(names = "-t", description = "Prefix lines with the time of day; -tt adds microseconds, -ttt prints epoch seconds.")
    public boolean[] timestamps = new boolean[0];

    @Option(names = "--close", description = "Also trace close, dup, dup2, dup3 and fcntl(F_DUPFD*) on sockets.")
    public boolean close;

    /** The helper's own arguments for these options (it speaks strace's dialect). */
    List<String> helperArgs() {
        for (String e : expressions) {
            String v = e.replace(" ", "");
            if (!v.equals("trace=network") && !v.equals("trace=%network") && !v.equals("trace=%net") && !v.equals("network")) {
                throw new UserError("unsupported -e expression '" + e + "': nettrace traces the network class (-e trace=network)", 2);
            }
        }
        if (stringLimit < 0) throw new UserError("-s must not be negative", 2);
        if (format == Format.text) throw new UserError("--format text is for JVMs traced through the agent; use strace or json here", 2);
        if (stack) throw new UserError("--stack needs the agent: it works for JVMs (--via auto or agent)", 2);
        List<String> a = new ArrayList<>();
        a.add("--format");
        a.add(format.name());
        if (output != null) {
            a.add("-o");
            a.add(output.toString());
        }
        a.add("-s");
        a.add(Integer.toString(stringLimit));
        if (quiet.length > 0) a.add("-" + "q".repeat(Math.min(quiet.length, 2)));
        if (syscallTimes) a.add("-T");
        if (timestamps.length > 0) a.add("-" + "t".repeat(Math.min(timestamps.length, 3)));
        if (close) a.add("--close");
        return a;
    }
}
