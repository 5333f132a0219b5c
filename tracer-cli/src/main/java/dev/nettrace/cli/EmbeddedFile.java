package dev.nettrace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file that ships inside the CLI jar (the ptrace helper, the agent jar, the attach helper),
 * unpacked once per content to ~/.cache/nettrace/HASH/NAME; an environment variable names a
 * replacement.
 */
public final class EmbeddedFile {
    private EmbeddedFile() {}

    public static final EmbeddedFile.Spec PTRACE = new Spec("NETTRACE_PTRACE", "/dev/nettrace/native/nettrace-ptrace", "nettrace-ptrace", true);
    public static final EmbeddedFile.Spec AGENT_JAR = new Spec("NETTRACE_AGENT_JAR", "/dev/nettrace/agent/nettrace-agent.jar", "nettrace-agent.jar", false);
    public static final EmbeddedFile.Spec JATTACH = new Spec("NETTRACE_JATTACH", "/dev/nettrace/native/nettrace-jattach", "nettrace-jattach", true);

    public record Spec(String envOverride, String resource, String name, boolean executable) {}

    public static Path locate(Spec spec) {
        String override = System.getenv(spec.envOverride());
        if (override != null && !override.isEmpty()) return Path.of(override);
        try (InputStream in = EmbeddedFile.class.getResourceAsStream(spec.resource())) {
            if (in == null) throw new UserError("this build of nettrace has no " + spec.name() + " inside; rebuild with 'mvn -DskipTests package'");
            return unpack(in.readAllBytes(), spec.name(), spec.executable());
        } catch (IOException e) {
            throw new UserError("cannot read " + spec.name() + " from the nettrace jar: " + e.getMessage());
        }
    }

    /** A jar nested in another jar (the agent's bootstrap classes), unpacked to the cache. */
    public static Path nested(Path outerJar, String entryName) {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(outerJar.toFile())) {
            java.util.jar.JarEntry entry = jar.getJarEntry(entryName);
            if (entry == null) throw new UserError(outerJar + " has no " + entryName);
            try (InputStream in = jar.getInputStream(entry)) {
                return unpack(in.readAllBytes(), entryName, false);
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + entryName + " from " + outerJar + ": " + e.getMessage());
        }
    }

    private static Path unpack(byte[] bytes, String name, boolean executable) {
        Path dir = cacheDir().resolve(hash(bytes));
        Path target = dir.resolve(name);
        try {
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length) return target;
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            Files.write(tmp, bytes);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UserError("cannot unpack " + name + " to " + dir + ": " + e.getMessage());
        }
    }

    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("nettrace");
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
