package dev.nettrace.os;

import dev.nettrace.wire.UserDirs;
import java.nio.file.Path;

/** nettrace's cache directory: $XDG_CACHE_HOME/nettrace, or ~/.cache/nettrace (the launcher's class-data archives live there too). */
public final class CacheDir {
    private CacheDir() {}

    public static Path path() {
        return UserDirs.of("XDG_CACHE_HOME", ".cache").resolve("nettrace");
    }
}
