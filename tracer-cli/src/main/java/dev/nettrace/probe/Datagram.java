package dev.nettrace.probe;

import java.net.InetSocketAddress;

/**
 * What one recvmsg returned. For IPv4 raw sockets the IP header is already stripped into
 * {@code ttl} and {@code from}, so payload always starts at the transport or ICMP header.
 * {@code error} is set for entries read from the error queue; payload is then our own datagram.
 */
record Datagram(byte[] payload, InetSocketAddress from, int ttl, long receivedNs, ExtendedError error) {}
