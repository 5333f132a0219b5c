package dev.nettrace.agent.core;

/** The agent argument: {@code socket=PATH[,stack=1][,ring=N][,debug=1]}. */
record AgentOptions(String socket, boolean stacks, int ringSize, boolean debug) {
    static final int DEFAULT_RING = 1 << 14;

    static AgentOptions parse(String args) {
        String socket = null;
        boolean stacks = false, debug = false;
        int ring = DEFAULT_RING;
        for (String part : (args == null ? "" : args).split(",")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "1" : part.substring(eq + 1);
            switch (key) {
                case "socket" -> socket = value;
                case "stack" -> stacks = value.equals("1") || value.equals("true");
                case "debug" -> debug = value.equals("1") || value.equals("true");
                case "ring" -> ring = Integer.highestOneBit(Math.max(64, Integer.parseInt(value)));
                default -> throw new IllegalArgumentException("unknown agent option '" + key + "'");
            }
        }
        if (socket == null) throw new IllegalArgumentException("the agent needs socket=PATH (the collector's Unix socket)");
        return new AgentOptions(socket, stacks, ring, debug);
    }
}
