package dev.nettrace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The nettrace-ptrace binary. It ships inside the jar and is unpacked once per content hash to
 * a cache directory; NETTRACE_PTRACE or a copy next to the jar take precedence.
 */
public final class NativeHelper {
    static final String NAME = "nettrace-ptrace";
    private static final String RESOURCE = "/dev/nettrace/native/" + NAME;

    private final Path binary;

    private NativeHelper(Path binary) {
        this.binary = binary;
    }

    public Path path() {
        return binary;
    }

    public static NativeHelper locate() {
        String override = System.getenv("NETTRACE_PTRACE");
        if (override != null && !override.isEmpty()) return new NativeHelper(Path.of(override));
        Path besideJar = besideJar();
        if (besideJar != null && Files.isExecutable(besideJar)) return new NativeHelper(besideJar);
        return new NativeHelper(unpack());
    }

    private static Path besideJar() {
        try {
            Path self = Path.of(NativeHelper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(self) ? null : self.resolveSibling(NAME);
        } catch (Exception e) {
            return null;
        }
    }

    private static Path unpack() {
        byte[] bytes;
        try (InputStream in = NativeHelper.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new UserError("this build of nettrace has no " + NAME + " inside; rebuild with 'mvn -DskipTests package'");
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path dir = cacheRoot().resolve(sha256(bytes).substring(0, 16));
        Path target = dir.resolve(NAME);
        try {
            if (Files.isExecutable(target) && Files.size(target) == bytes.length) return target;
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, NAME, ".tmp");
            Files.write(tmp, bytes);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UserError("cannot unpack " + NAME + " to " + dir + ": " + e.getMessage());
        }
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("nettrace");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the helper with our stdio and returns its exit status. If this JVM is asked to stop
     * (SIGTERM, or SIGINT from the terminal, which the helper also receives), the helper is told
     * to finish (it detaches cleanly) and its status becomes ours. The hook is registered before
     * the helper starts, so a signal that arrives in between cannot leave the helper orphaned
     * and still tracing.
     */
    public int runInForeground(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(args);
        Object lock = new Object();
        Process[] started = new Process[1];
        boolean[] stopping = new boolean[1];
        Thread hook = new Thread(() -> {
            Process p;
            synchronized (lock) {
                stopping[0] = true;
                p = started[0];
            }
            if (p == null || !p.isAlive()) return;
            p.destroy();
            try {
                if (p.waitFor(30, TimeUnit.SECONDS)) Runtime.getRuntime().halt(p.exitValue());
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "nettrace-helper-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Process p;
        synchronized (lock) {
            if (stopping[0]) return 130;
            p = new ProcessBuilder(cmd).inheritIO().start();
            started[0] = p;
        }
        int rc = p.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running and will halt with the same status
        }
        return rc;
    }
}
