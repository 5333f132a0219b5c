package dev.nettrace.dns;

import java.util.List;

/** What one DNS response said: the name asked and the addresses (A and AAAA) it resolved to, CNAMEs followed. */
public record DnsAnswer(String question, List<String> addresses, int rcode) {
}
