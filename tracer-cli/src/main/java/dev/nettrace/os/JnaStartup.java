package dev.nettrace.os;

import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Spares a short command two costs JNA pays on every start, together about a tenth of a second:
 * <ul>
 * <li>it copies its native half, libjnidispatch, out of its jar into a new temporary file (and
 * deletes it at exit). Here it is unpacked once per content to the nettrace cache, named by
 * CRC-32 (a cryptographic hash costs ~100 ms in a cold JVM and guards nothing here), and JNA is
 * pointed at the copy through jna.boot.library.path.
 * <li>its NativeLibrary class runs {@code /sbin/ldconfig -p} to learn the library directories,
 * unless jna.platform.library.path is set. Here it is set to the directory of the libc this JVM
 * runs on and the standard ones, which is where JNA looks for a library given by short name
 * ("c", "udev"); names with a version (libc.so.6) go straight to dlopen anyway.
 * </ul>
 * A property the user set wins. If the cache cannot be written, JNA keeps its own way, which
 * works, only slower. It must run before JNA's Native class loads: {@link Libc} calls it, and so
 * must any other first user of JNA (OSHI).
 */
public final class JnaStartup {
    private JnaStartup() {}

    public static synchronized void prepare() {
        if (System.getProperty("jna.boot.library.path") == null) cacheDispatchLibrary();
        if (System.getProperty("jna.platform.library.path") == null) System.setProperty("jna.platform.library.path", libraryDirs());
    }

    private static void cacheDispatchLibrary() {
        String name = System.mapLibraryName("jnidispatch");
        try (InputStream in = Platform.class.getResourceAsStream("/com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + name)) {
            if (in == null) return;
            byte[] bytes = in.readAllBytes();
            CRC32 crc = new CRC32();
            crc.update(bytes);
            Path dir = CacheDir.path().resolve("jnidispatch-" + Long.toHexString(crc.getValue()));
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file) || Files.size(file) != bytes.length) {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, name, ".tmp");
                Files.write(tmp, bytes);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            System.setProperty("jna.boot.library.path", dir.toString());
        } catch (IOException | SecurityException e) {
            // JNA unpacks its own temporary copy.
        }
    }

    private static String libraryDirs() {
        List<String> dirs = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.endsWith("/libc.so.6")) {
                    dirs.add(line.substring(slash, line.length() - "/libc.so.6".length()));
                    break;
                }
            }
        } catch (IOException e) {
            // the standard directories below still hold libc on every distribution we know
        }
        for (String dir : List.of("/usr/lib64", "/lib64", "/usr/lib", "/lib")) {
            if (!dirs.contains(dir) && Files.isDirectory(Path.of(dir))) dirs.add(dir);
        }
        return String.join(":", dirs);
    }
}
