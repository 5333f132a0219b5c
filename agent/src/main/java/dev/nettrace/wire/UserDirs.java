package dev.nettrace.wire;

import java.nio.file.Path;

/**
 * The per-user base directories of the XDG spec ($XDG_CACHE_HOME, $XDG_STATE_HOME, ...) as every
 * part of nettrace finds them, the agent in a traced JVM included: the variable's value when set,
 * else its default under the home directory.
 */
public final class UserDirs {
    private UserDirs() {}

    /** e.g. of("XDG_CACHE_HOME", ".cache") */
    public static Path of(String variable, String defaultUnderHome) {
        String value = System.getenv(variable);
        return value != null && !value.isEmpty() ? Path.of(value) : Path.of(System.getProperty("user.home"), defaultUnderHome);
    }
}
