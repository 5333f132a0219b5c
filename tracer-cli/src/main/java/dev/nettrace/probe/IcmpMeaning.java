package dev.nettrace.probe;

/**
 * What an ICMP error means to a prober: nmap's reason word, traceroute's hop flag, and whether
 * it came from the destination itself (port unreachable) rather than from a router on the way.
 */
record IcmpMeaning(String reason, String flag, boolean fromDestination) {
    static final IcmpMeaning TIME_EXCEEDED = new IcmpMeaning("ttl-exceeded", null, false);

    static IcmpMeaning of(boolean v6, int type, int code, int mtu) {
        return v6 ? ofV6(type, code, mtu) : ofV4(type, code, mtu);
    }

    private static IcmpMeaning ofV4(int type, int code, int mtu) {
        if (type == 11) return TIME_EXCEEDED;
        if (type != 3) return new IcmpMeaning("icmp-" + type + "/" + code, null, false);
        return switch (code) {
            case 0, 6, 11 -> new IcmpMeaning("net-unreach", "!N", false);
            case 1, 7, 12 -> new IcmpMeaning("host-unreach", "!H", false);
            case 2 -> new IcmpMeaning("proto-unreach", "!P", true);
            case 3 -> new IcmpMeaning("port-unreach", null, true);
            case 4 -> new IcmpMeaning("frag-needed", "!F-" + mtu, false);
            case 5 -> new IcmpMeaning("source-route-failed", "!S", false);
            case 9, 10, 13 -> new IcmpMeaning("admin-prohibited", "!X", false);
            case 14 -> new IcmpMeaning("host-precedence", "!V", false);
            case 15 -> new IcmpMeaning("precedence-cutoff", "!C", false);
            default -> new IcmpMeaning("unreach-" + code, "!<" + code + ">", false);
        };
    }

    private static IcmpMeaning ofV6(int type, int code, int mtu) {
        if (type == 3) return TIME_EXCEEDED;
        if (type == 2) return new IcmpMeaning("frag-needed", "!F-" + mtu, false);
        if (type != 1) return new IcmpMeaning("icmp6-" + type + "/" + code, null, false);
        return switch (code) {
            case 0 -> new IcmpMeaning("net-unreach", "!N", false);
            case 1, 5 -> new IcmpMeaning("admin-prohibited", "!X", false);
            case 3 -> new IcmpMeaning("host-unreach", "!H", false);
            case 4 -> new IcmpMeaning("port-unreach", null, true);
            case 6 -> new IcmpMeaning("net-unreach", "!N", false);
            default -> new IcmpMeaning("unreach-" + code, "!<" + code + ">", false);
        };
    }

    boolean isTimeExceeded() {
        return this == TIME_EXCEEDED;
    }
}
