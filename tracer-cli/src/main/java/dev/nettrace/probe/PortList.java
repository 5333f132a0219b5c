package dev.nettrace.probe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Ports as nmap takes them: `80,443,8000-8010`. */
public final class PortList {
    private PortList() {}

    public static List<Integer> parse(String spec) {
        Set<Integer> ports = new LinkedHashSet<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) throw bad(spec);
            int dash = p.indexOf('-');
            int lo = number(dash < 0 ? p : p.substring(0, dash), spec);
            int hi = dash < 0 ? lo : number(p.substring(dash + 1), spec);
            if (hi < lo) throw bad(spec);
            for (int port = lo; port <= hi; port++) ports.add(port);
        }
        return new ArrayList<>(ports);
    }

    private static int number(String s, String spec) {
        try {
            int n = Integer.parseInt(s.trim());
            if (n < 1 || n > 65535) throw bad(spec);
            return n;
        } catch (NumberFormatException e) {
            throw bad(spec);
        }
    }

    private static ProbeException bad(String spec) {
        return new ProbeException("bad port list '" + spec + "': use ports 1-65535 like 80,443,8000-8010");
    }
}
