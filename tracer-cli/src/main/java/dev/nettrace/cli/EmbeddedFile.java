package dev.nettrace.cli;

import dev.nettrace.os.CacheDir;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.zip.CRC32;

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

    /** The agent's bootstrap classes, nested in the agent jar (on -Xbootclasspath/a: no CDS warning). */
    public static final String AGENT_BOOT_JAR = "nettrace-agent-boot.jar";

    public static Path locate(Spec spec) {
        String override = System.getenv(spec.envOverride());
        if (override != null && !override.isEmpty()) return Path.of(override);
        return unpack(bytes(spec), spec.name(), spec.executable());
    }

    /** The embedded file's bytes. */
    public static byte[] bytes(Spec spec) {
        try (InputStream in = EmbeddedFile.class.getResourceAsStream(spec.resource())) {
            if (in == null) throw new UserError("this build of nettrace has no " + spec.name() + " inside; rebuild with 'mvn -DskipTests package'");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UserError("cannot read " + spec.name() + " from the nettrace jar: " + e.getMessage());
        }
    }

    /** A jar nested in another jar (the agent's bootstrap classes), unpacked to the cache. */
    public static Path nested(Path outerJar, String entryName) {
        return unpack(nestedBytes(outerJar, entryName), entryName, false);
    }

    public static byte[] nestedBytes(Path outerJar, String entryName) {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(outerJar.toFile())) {
            java.util.jar.JarEntry entry = jar.getJarEntry(entryName);
            if (entry == null) throw new UserError(outerJar + " has no " + entryName);
            try (InputStream in = jar.getInputStream(entry)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + entryName + " from " + outerJar + ": " + e.getMessage());
        }
    }

    private static Path unpack(byte[] bytes, String name, boolean executable) {
        return place(bytes, CacheDir.path().resolve(hash(bytes)).resolve(name), executable);
    }

    /**
     * Puts bytes at target unless it holds them already, by rename, so that a process that has
     * the old file open (a running JVM, a helper) keeps it whole.
     */
    public static Path place(byte[] bytes, Path target, boolean executable) {
        try {
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length && Arrays.equals(Files.readAllBytes(target), bytes)) return target;
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + e.getMessage());
        }
    }

    /** CRC-32 and length: enough to tell builds apart, and cheap in a JVM that just started (SHA-256 cost 100 ms). */
    private static String hash(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format("%08x-%x", crc.getValue(), bytes.length);
    }
}
