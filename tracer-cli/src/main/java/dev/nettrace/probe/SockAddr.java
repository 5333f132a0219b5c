package dev.nettrace.probe;

import dev.nettrace.os.Libc;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** sockaddr_in / sockaddr_in6 as bytes (x86_64 layout: family in host order, port in network order). */
final class SockAddr {
    private SockAddr() {}

    static int family(InetAddress a) {
        return a instanceof Inet6Address ? Libc.AF_INET6 : Libc.AF_INET;
    }

    static byte[] encode(InetAddress a, int port) {
        byte[] raw = a.getAddress();
        byte[] s = new byte[a instanceof Inet4Address ? 16 : 28];
        int fam = family(a);
        s[0] = (byte) fam;
        s[1] = (byte) (fam >> 8);
        s[2] = (byte) (port >> 8);
        s[3] = (byte) port;
        System.arraycopy(raw, 0, s, a instanceof Inet4Address ? 4 : 8, raw.length);
        if (a instanceof Inet6Address six && six.getScopeId() != 0) {
            int scope = six.getScopeId();
            s[24] = (byte) scope;
            s[25] = (byte) (scope >> 8);
            s[26] = (byte) (scope >> 16);
            s[27] = (byte) (scope >> 24);
        }
        return s;
    }

    /** Decodes bytes at off; null for families other than IPv4/IPv6. */
    static InetSocketAddress decode(byte[] s, int off) {
        int fam = (s[off] & 0xff) | (s[off + 1] & 0xff) << 8;
        int port = (s[off + 2] & 0xff) << 8 | (s[off + 3] & 0xff);
        try {
            if (fam == Libc.AF_INET) {
                return new InetSocketAddress(InetAddress.getByAddress(slice(s, off + 4, 4)), port);
            }
            if (fam == Libc.AF_INET6) {
                return new InetSocketAddress(InetAddress.getByAddress(slice(s, off + 8, 16)), port);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    static byte[] slice(byte[] b, int off, int len) {
        byte[] r = new byte[len];
        System.arraycopy(b, off, r, 0, len);
        return r;
    }

    static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
