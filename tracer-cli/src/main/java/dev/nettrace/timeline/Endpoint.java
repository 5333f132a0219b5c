package dev.nettrace.timeline;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP endpoint in the event model's spelling: {@code 1.2.3.4:80} or {@code [::1]:80}. Parsing
 * and printing live together so that /proc, sock_diag and the helper's events all agree on one
 * textual key for the same socket address.
 */
public record Endpoint(InetAddress address, int port) {

    /** Parses {@code ip:port} or {@code [ip6]:port}; null for anything else (unix paths, netlink). */
    public static Endpoint parse(String text) {
        if (text == null || text.isEmpty()) return null;
        String host;
        String port;
        if (text.charAt(0) == '[') {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') return null;
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) return null;
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (!host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) return null;
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) return null;
            int pct = host.indexOf('%');
            // the JDK resolves nothing for literals; a scope id (fe80::1%2) is not part of the key
            return new Endpoint(InetAddress.getByName(pct >= 0 ? host.substring(0, pct) : host), p);
        } catch (NumberFormatException | UnknownHostException e) {
            return null;
        }
    }

    public static Endpoint of(byte[] addr, int port) {
        try {
            return new Endpoint(InetAddress.getByAddress(addr), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + addr.length + " bytes");
        }
    }

    public boolean isIpv6() {
        return address.getAddress().length == 16;
    }

    /** The address as written in events and connection records, without the port. */
    public String host() {
        String h = address.getHostAddress();
        return isIpv6() ? compress(h) : h;
    }

    @Override
    public String toString() {
        return isIpv6() ? "[" + host() + "]:" + port : host() + ":" + port;
    }

    /** The JDK prints 0:0:0:0:0:0:0:1; tools people know (ss, strace) print ::1. */
    private static String compress(String full) {
        String[] parts = full.split(":");
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < parts.length; ) {
            if (!parts[i].equals("0")) {
                i++;
                continue;
            }
            int j = i;
            while (j < parts.length && parts[j].equals("0")) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) return full;
        String head = String.join(":", java.util.Arrays.copyOfRange(parts, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(parts, bestStart + bestLen, parts.length));
        return head + "::" + tail;
    }
}
