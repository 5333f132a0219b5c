package dev.nettrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.testkit.Cli;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./nettrace launcher's class-data archive, on a copy of the launcher whose jar is a small
 * program that echoes its arguments: the archive is written, checked, adopted and then really
 * used, and a truncated one (which crashes JDK 17 if mapped) is thrown away without a sound.
 */
class LauncherTest {
    @TempDir Path root;

    /** The jar's program: prints its arguments, exits with the number of them. */
    public static final class Echo {
        public static void main(String[] args) {
            System.out.println(String.join(" ", args));
            System.exit(args.length);
        }
    }

    @Test
    void aCommandGetsItsArchiveAndAnUnusableOneIsDropped() throws Exception {
        Path launcher = install();
        Path cds = root.resolve("cache/nettrace/cds");
        boolean selfManaged = Runtime.version().feature() >= 19; // -XX:+AutoCreateSharedArchive

        Cli.Result first = run(launcher, List.of(), "probe", "a", "b");
        assertEquals(new Cli.Result(3, "probe a b\n", ""), first, "arguments, output and exit status pass through");
        if (!selfManaged) {
            assertEquals(1, files(cds, ".tmp").size(), "the first run writes an archive under its pid: " + files(cds, ""));
            assertEquals(new Cli.Result(3, "probe a b\n", ""), run(launcher, List.of(), "probe", "a", "b"));
            assertEquals(List.of(), files(cds, ".tmp"), "the second run adopted it");
        }
        List<Path> archives = files(cds, ".jsa");
        assertEquals(1, archives.size(), files(cds, "").toString());
        assertTrue(archives.get(0).getFileName().toString().startsWith("probe-"), archives.toString());

        Cli.Result logged = run(launcher, List.of("NETTRACE_JAVA_OPTS=-Xlog:class+load"), "probe");
        assertTrue(logged.stdout().contains(Echo.class.getName() + " source: shared objects file (top)"),
                "the program's class comes from the archive:\n" + logged.stdout());

        if (!selfManaged) {
            // A dump cut short (the JVM was killed while writing it), left by a process that is gone.
            Path archive = archives.get(0);
            byte[] bytes = Files.readAllBytes(archive);
            Files.delete(archive);
            Files.write(Path.of(archive + ".2147483646.tmp"), Arrays.copyOf(bytes, bytes.length / 3));
            assertEquals(new Cli.Result(1, "probe\n", ""), run(launcher, List.of(), "probe"), "no crash, no noise");
            assertFalse(Files.exists(Path.of(archive + ".2147483646.tmp")), "the truncated archive is gone");
        }
        assertEquals(new Cli.Result(1, "probe\n", ""), run(launcher, List.of("NETTRACE_CDS=0"), "probe"));
    }

    /** A copy of the launcher beside tracer-cli/target/nettrace.jar holding {@link Echo}. */
    private Path install() throws IOException {
        Path launcher = root.resolve("nettrace");
        Files.copy(Cli.root().resolve("nettrace"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = root.resolve("tracer-cli/target/nettrace.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Echo.class.getName());
        String entry = Echo.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest);
             InputStream in = Echo.class.getResourceAsStream("/" + entry)) {
            j.putNextEntry(new JarEntry(entry));
            in.transferTo(j);
        }
        return launcher;
    }

    private Cli.Result run(Path launcher, List<String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(launcher.toString()), Stream.of(args)).toList()).directory(root.toFile());
        pb.environment().put("XDG_CACHE_HOME", root.resolve("cache").toString());
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().remove("NETTRACE_JAVA_OPTS");
        for (String e : env) pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        return Cli.run(pb, 60);
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
