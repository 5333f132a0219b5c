package dev.nettrace.probe;

import java.net.InetAddress;

/**
 * One entry of a socket's error queue (struct sock_extended_err plus the offender address):
 * what IP_RECVERR gives without any privilege. origin 2 = ICMP, 3 = ICMPv6, 1 = local.
 */
record ExtendedError(int errno, int origin, int type, int code, int info, InetAddress offender) {
    static final int ORIGIN_LOCAL = 1, ORIGIN_ICMP = 2, ORIGIN_ICMP6 = 3;

    boolean fromIcmp() {
        return origin == ORIGIN_ICMP || origin == ORIGIN_ICMP6;
    }

    boolean isV6() {
        return origin == ORIGIN_ICMP6;
    }
}
