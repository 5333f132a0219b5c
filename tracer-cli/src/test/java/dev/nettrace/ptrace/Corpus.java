package dev.nettrace.ptrace;

import dev.nettrace.testkit.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The conformance corpus: native/tests/corpus/NAME.c, built by make into native/build/corpus/NAME. */
final class Corpus {
    private Corpus() {}

    static Path sources() {
        return Cli.root().resolve("native/tests/corpus");
    }

    /** Every program of the corpus, by name, sorted. */
    static List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(sources())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".c"))
                    .map(n -> n.substring(0, n.length() - 2)).sorted().toList();
        }
    }

    /** The built program; fails (rather than skips) when make has not built it. */
    static Path program(String name) {
        Path p = Cli.root().resolve("native/build/corpus").resolve(name);
        if (!Files.isExecutable(p)) {
            throw new AssertionError(p + " is missing: the build runs 'make -C native all' (or: make -C native corpus)");
        }
        return p;
    }
}
