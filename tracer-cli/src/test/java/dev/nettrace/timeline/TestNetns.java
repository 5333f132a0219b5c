package dev.nettrace.timeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A network namespace made for one test (loopback up), deleted on close even when the test failed. */
final class TestNetns implements AutoCloseable {
    final String name = "nettrace-t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);

    TestNetns() throws IOException, InterruptedException {
        run("ip", "netns", "add", name);
        try {
            run("ip", "-n", name, "link", "set", "lo", "up");
        } catch (IOException | AssertionError e) {
            close();
            throw e;
        }
    }

    /** `ip netns exec NAME`: the prefix that runs a command inside. */
    List<String> exec() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Runs a command inside the namespace and fails the test if it fails. */
    void inside(String... cmd) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(exec());
        all.addAll(List.of(cmd));
        run(all.toArray(String[]::new));
    }

    static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder("ip", "netns", "del", name).redirectErrorStream(true).start().waitFor(20, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("could not delete network namespace " + name, e);
        }
    }
}
