package dev.nettrace.wire;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the nettrace daemon listens unless told otherwise: system-wide for root, per user
 * otherwise. Shared by the daemon and the agent's daemon mode, which must agree without talking.
 */
public final class DaemonSocket {
    private DaemonSocket() {}

    public static String defaultPath() {
        if (effectiveUid() == 0) return "/run/nettrace/nettrace.sock";
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty()) return Path.of(runtime, "nettrace.sock").toString();
        return Path.of(System.getProperty("java.io.tmpdir"), "nettrace-" + System.getProperty("user.name"), "nettrace.sock").toString();
    }

    /**
     * The second number of /proc/self/status's Uid line; -1 when unreadable. Read with java.io:
     * in a JVM the agent is about to hook, NIO's file streams would load SocketChannelImpl (JDK 25)
     * before the agent's transformer is in (see agent.core.HookTransformer).
     */
    public static long effectiveUid() {
        try (BufferedReader status = new BufferedReader(new InputStreamReader(new FileInputStream("/proc/self/status"), StandardCharsets.US_ASCII))) {
            for (String line; (line = status.readLine()) != null; ) {
                if (line.startsWith("Uid:")) return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux, or /proc not mounted
        }
        return -1;
    }
}
