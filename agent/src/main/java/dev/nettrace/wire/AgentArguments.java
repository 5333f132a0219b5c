package dev.nettrace.wire;

import java.util.StringJoiner;

/**
 * The agent's argument string ({@code -javaagent:nettrace-agent.jar=ARGS}, or the attach
 * request's): written by the CLI, read by the agent, so both live here.
 *
 * <ul>
 *   <li>{@code socket=PATH}: report to the collector that listens at PATH now (nettrace run or
 *       attach); when it goes away the agent takes its hooks out and stops.
 *   <li>{@code daemon} or {@code daemon=PATH}: report to the nettrace daemon whenever one listens
 *       at PATH (default: {@link DaemonSocket#defaultPath()}); while none does, the agent has no
 *       hooks in and looks for the socket once a second; it reconnects after a daemon restart.
 *   <li>{@code stack=1}, {@code ring=N} (slots, a power of two), {@code debug=1}.
 * </ul>
 */
public record AgentArguments(String socket, boolean daemon, boolean stacks, int ringSize, boolean debug) {
    public static final int DEFAULT_RING = 1 << 14;

    public static AgentArguments session(String socket, boolean stacks, boolean debug) {
        return new AgentArguments(socket, false, stacks, DEFAULT_RING, debug);
    }

    public static AgentArguments daemon(String socket, boolean stacks) {
        return new AgentArguments(socket, true, stacks, DEFAULT_RING, false);
    }

    /** Parses an argument string; an unknown or missing part is an IllegalArgumentException. */
    public static AgentArguments parse(String args) {
        String socket = null;
        boolean daemon = false, stacks = false, debug = false;
        int ring = DEFAULT_RING;
        for (String part : (args == null ? "" : args).split(",")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? null : part.substring(eq + 1);
            switch (key) {
                case "socket" -> socket = value;
                case "daemon" -> {
                    daemon = true;
                    socket = value == null || value.isEmpty() ? DaemonSocket.defaultPath() : value;
                }
                case "stack" -> stacks = isTrue(value);
                case "debug" -> debug = isTrue(value);
                case "ring" -> ring = Integer.highestOneBit(Math.max(64, Integer.parseInt(String.valueOf(value))));
                default -> throw new IllegalArgumentException("unknown agent option '" + key + "'");
            }
        }
        if (socket == null || socket.isEmpty()) {
            throw new IllegalArgumentException("the agent needs socket=PATH (a collector's Unix socket) or daemon[=PATH]");
        }
        return new AgentArguments(socket, daemon, stacks, ring, debug);
    }

    private static boolean isTrue(String value) {
        return value == null || value.equals("1") || value.equals("true");
    }

    /** The string {@link #parse} reads back into this. */
    public String format() {
        StringJoiner s = new StringJoiner(",");
        s.add((daemon ? "daemon=" : "socket=") + socket);
        if (stacks) s.add("stack=1");
        if (ringSize != DEFAULT_RING) s.add("ring=" + ringSize);
        if (debug) s.add("debug=1");
        return s.toString();
    }
}
