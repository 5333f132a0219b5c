package dev.nettrace.ptrace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a strace-format trace so that two runs of the same deterministic program compare
 * equal, and nothing else does. Only what truly varies from run to run is touched:
 * <ol>
 * <li><b>Interleaving</b>: a call that strace split into {@code NAME(args <unfinished ...>} and
 * {@code <... NAME resumed>rest} (same pid) becomes one line at the place of its first half,
 * padded as strace pads an uninterrupted call (" = " at column 40, pid prefix included). Which
 * calls get split depends on thread scheduling; where strace splits (6.1 before ", ", later
 * versions after it) does not change the merged line.</li>
 * <li><b>Pids</b> (and tids) become P1, P2, ... in order of first appearance, wherever strace
 * prints one: the {@code -o} prefix, {@code [pid N]}, {@code si_pid=}, {@code in pid N},
 * {@code {pid=N} of ucred (SCM_CREDENTIALS, SO_PEERCRED) and a non-zero netlink {@code nl_pid=}
 * (the kernel's default port id is the pid). The mapping is one-to-one, so two different pids
 * never become the same name. Prefixes keep their width so the column-40 alignment is compared
 * as printed.</li>
 * <li><b>Ports</b>: {@code htons(N)} with N &ne; 0 becomes PORT1, PORT2, ... in order of first
 * appearance (ephemeral ports), again one-to-one.</li>
 * <li><b>Pointers</b>: hexadecimal values of 2^32 and above become {@code 0x} and one {@code #}
 * per digit. On x86_64 every user-space address of a PIE program (heap, stack, mappings) is
 * above 4 GiB and moves with ASLR; small constants such as a deliberately bad 0xdead0000 stay.</li>
 * <li><b>Time</b>: recvmmsg's remaining timeout {@code (left {tv_sec=.., tv_nsec=..})}.</li>
 * </ol>
 * Everything else (names, flags, strings, lengths, errno texts, signal lines, spacing) must
 * match byte for byte.
 */
public final class StraceNormalizer {
    private static final String UNFINISHED = " <unfinished ...>";
    /** Optional pid prefix: "%-5u " with -o, "[pid N] " on stderr. */
    private static final Pattern PREFIX = Pattern.compile("^(\\d+ +|\\[pid +\\d+\\] )?(.*)$");
    private static final Pattern RESUMED = Pattern.compile("^<\\.\\.\\. [a-z0-9_]+ resumed>(.*)$");
    /** The last ") " followed by padding and "= result": the call and its return value. */
    private static final Pattern CALL_AND_RESULT = Pattern.compile("^(.*\\)) +(= .*)$");
    private static final Pattern PID_MENTION = Pattern.compile(
            "(?<=si_pid=|in pid |\\{pid=|nl_pid=)(\\d+)");
    private static final Pattern PORT = Pattern.compile("(?<=htons\\()(\\d+)(?=\\))");
    private static final Pattern HEX = Pattern.compile("(?<=\\b0x)([0-9a-f]+)\\b");
    private static final Pattern LEFT = Pattern.compile("\\(left \\{tv_sec=\\d+, tv_nsec=\\d+\\}\\)");
    private static final int RESULT_COLUMN = 39;

    private final Map<String, String> pids = new HashMap<>();
    private final Map<String, String> ports = new HashMap<>();

    private StraceNormalizer() {}

    public static String normalize(String trace) {
        StraceNormalizer n = new StraceNormalizer();
        StringBuilder out = new StringBuilder();
        for (String line : mergeInterrupted(trace)) out.append(n.rename(line)).append('\n');
        return out.toString();
    }

    /** Step 1: joins each unfinished call with its resumption, at the place of the first half. */
    static List<String> mergeInterrupted(String trace) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> open = new LinkedHashMap<>();
        for (String line : trace.split("\n", -1)) {
            if (line.isEmpty()) continue;
            Matcher m = PREFIX.matcher(line);
            if (!m.matches()) throw new IllegalStateException(line);
            String prefix = m.group(1) == null ? "" : m.group(1);
            String body = m.group(2);
            String pid = prefix.replaceAll("\\D", "");
            if (body.endsWith(UNFINISHED)) {
                open.put(pid, out.size());
                out.add(prefix + body.substring(0, body.length() - UNFINISHED.length()));
                continue;
            }
            Matcher r = RESUMED.matcher(body);
            Integer at = open.remove(pid);
            if (r.matches() && at != null) {
                out.set(at, pad(out.get(at) + r.group(1)));
                continue;
            }
            out.add(line);
        }
        return out;
    }

    /** Pads a whole line the way strace does: " = " starts at column 40 unless the call is longer. */
    private static String pad(String line) {
        Matcher m = CALL_AND_RESULT.matcher(line);
        if (!m.matches()) return line;
        StringBuilder sb = new StringBuilder(m.group(1));
        while (sb.length() < RESULT_COLUMN) sb.append(' ');
        return sb.append(' ').append(m.group(2)).toString();
    }

    private String rename(String line) {
        Matcher m = PREFIX.matcher(line);
        if (!m.matches()) throw new IllegalStateException(line);
        String prefix = m.group(1) == null ? "" : m.group(1);
        String body = m.group(2);
        if (!prefix.isEmpty()) {
            String digits = prefix.replaceAll("\\D", "");
            String name = pid(digits);
            prefix = prefix.startsWith("[")
                    ? "[pid " + widen(name, prefix.length() - "[pid ] ".length()) + "] "
                    : widen(name, prefix.length() - 1) + " ";
        }
        body = replace(body, PID_MENTION, g -> g.equals("0") ? g : pid(g));
        body = replace(body, PORT, g -> g.equals("0") ? g : ports.computeIfAbsent(g, k -> "PORT" + (ports.size() + 1)));
        body = replace(body, HEX, g -> g.length() > 8 ? "#".repeat(g.length()) : g);
        body = LEFT.matcher(body).replaceAll("(left {tv_sec=S, tv_nsec=NS})");
        return prefix + body;
    }

    private String pid(String digits) {
        return pids.computeIfAbsent(digits, k -> "P" + (pids.size() + 1));
    }

    private static String widen(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < width) sb.append(' ');
        return sb.toString();
    }

    private static String replace(String s, Pattern p, java.util.function.UnaryOperator<String> f) {
        Matcher m = p.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m.group(1))));
        m.appendTail(sb);
        return sb.toString();
    }
}
