package dev.nettrace.os;

import java.nio.file.Path;

/** nettrace's cache directory: $XDG_CACHE_HOME/nettrace, or ~/.cache/nettrace (the launcher's class-data archives live there too). */
public final class CacheDir {
    private CacheDir() {}

    public static Path path() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("nettrace");
    }
}
