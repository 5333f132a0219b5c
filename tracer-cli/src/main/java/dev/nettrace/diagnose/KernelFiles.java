package dev.nettrace.diagnose;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One-line kernel files (/proc/sys, sysfs). Read line by line on purpose: Files.readString trusts
 * the reported size and returns "7" for /proc/sys/net/ipv4/tcp_keepalive_time holding 7200.
 */
final class KernelFiles {
    private KernelFiles() {}

    /** The first line, trimmed; "" when the file is missing or refuses to be read (veth speed, for one). */
    static String firstLine(Path p) {
        try (BufferedReader r = Files.newBufferedReader(p)) {
            String line = r.readLine();
            return line == null ? "" : line.trim();
        } catch (IOException e) {
            return "";
        }
    }
}
