package dev.nettrace.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A host as the user named it and the one address probes go to. */
public record Target(String name, InetAddress address) {
    /** Resolves name (a literal or a host name); an unknown host is a {@link ProbeException}. */
    public static Target resolve(String name, boolean preferV6) {
        try {
            InetAddress[] all = InetAddress.getAllByName(name);
            for (InetAddress a : all) {
                if ((a instanceof java.net.Inet6Address) == preferV6) return new Target(name, a);
            }
            return new Target(name, all[0]);
        } catch (UnknownHostException e) {
            throw new ProbeException("unknown host " + name);
        }
    }

    public static Target of(InetAddress a) {
        return new Target(Addresses.text(a), a);
    }

    public boolean isV6() {
        return address instanceof java.net.Inet6Address;
    }

    public String display() {
        String a = Addresses.text(address);
        return name.equals(a) ? a : name + " (" + a + ")";
    }
}
