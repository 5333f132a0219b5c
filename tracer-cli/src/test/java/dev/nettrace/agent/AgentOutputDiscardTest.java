package dev.nettrace.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events are skipped, undecoded, only when they would be written to /dev/null itself. */
class AgentOutputDiscardTest {
    @TempDir Path tmp;

    @Test
    void onlyDevNullUnderAnyNameDiscards() throws Exception {
        assertTrue(AgentOutput.discarded(Path.of("/dev/null")));
        Path link = Files.createSymbolicLink(tmp.resolve("sink"), Path.of("/dev/null"));
        assertTrue(AgentOutput.discarded(link));
        assertFalse(AgentOutput.discarded(Files.createFile(tmp.resolve("trace.txt"))));
        assertFalse(AgentOutput.discarded(tmp.resolve("not-yet-created.txt")));
        assertFalse(AgentOutput.discarded(null), "stderr is the default output");
    }
}
