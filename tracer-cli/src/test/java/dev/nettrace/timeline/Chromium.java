package dev.nettrace.timeline;

import dev.nettrace.testkit.Privileges;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Headless Chromium (Debian's chromium package) for looking at an HTML timeline the way a browser does, offline. */
final class Chromium {
    private Chromium() {}

    static void require() {
        Privileges.requireCommand("chromium");
    }

    /** The DOM after the page's scripts ran. */
    static String dumpDom(Path html) throws IOException, InterruptedException {
        return new String(run(html, "--dump-dom").readAllBytes());
    }

    /** A PNG of the page at the given window size. */
    static Path screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
        run(html, "--screenshot=" + png, "--window-size=" + width + "," + height).close();
        if (!Files.isRegularFile(png)) throw new AssertionError("chromium wrote no screenshot");
        return png;
    }

    private static java.io.InputStream run(Path html, String... what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("nettrace-chromium");
        Path out = Files.createTempFile("nettrace-chromium", ".out");
        try {
            List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile));
            cmd.addAll(List.of(what));
            cmd.add(html.toUri().toString());
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(new File("/dev/null")).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish in 60 s");
            }
            return new java.io.ByteArrayInputStream(Files.readAllBytes(out));
        } finally {
            Files.deleteIfExists(out);
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
