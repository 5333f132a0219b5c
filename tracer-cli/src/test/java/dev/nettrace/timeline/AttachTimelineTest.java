package dev.nettrace.timeline;

import static dev.nettrace.timeline.TraceRecords.kernel;
import static dev.nettrace.timeline.TraceRecords.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.procfs.ProcFds;
import dev.nettrace.testkit.Privileges;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attaching to a process that already has connections: they appear, marked pre-existing, with the kernel's counters. */
class AttachTimelineTest {
    @TempDir Path tmp;

    @Test
    void connectionsOpenedBeforeAttachArePreExisting() throws Exception {
        Privileges.requireRoot("ptrace attach");
        RealHelper.require();
        try (PythonProgram holder = PythonProgram.start(List.of(), Scripts.HOLDER)) {
            String[] ready = holder.awaitLine().split(" ");
            String listen = "127.0.0.1:" + ready[1], client = "127.0.0.1:" + ready[2];
            int pid = holder.pid();
            Map<Integer, Long> fds = ProcFds.sockets(pid);
            TraceRecords t = TraceRecords.run(tmp, List.of("attach", "--duration", "1", Integer.toString(pid)));
            assertEquals(0, t.result.exitCode(), t.result.stderr());
            assertTrue(holder.process.isAlive(), "the process runs on after detach");
            assertEquals(5, t.connections.size(), t.connections.toString());
            for (Map<String, Object> c : t.connections) {
                assertEquals("pre-existing", c.get("outcome"), c.toString());
                assertEquals(Boolean.TRUE, c.get("preExisting"));
                assertEquals(pid, num(c, "pid"));
                assertEquals("python3", c.get("comm"));
                assertEquals(fds.get((int) num(c, "fd")), num(c, "inode"), "fd and inode agree with /proc/PID/fd");
                assertNull(c.get("openedNs"));
                assertNull(c.get("closedNs"));
            }
            Map<String, Object> listener = t.only(c -> "listener".equals(c.get("role")) && "tcp".equals(c.get("proto")));
            assertEquals(listen, listener.get("local"));
            Map<String, Object> out = t.only(c -> client.equals(c.get("local")));
            assertEquals("client", out.get("role"));
            assertEquals(listen, out.get("remote"));
            assertEquals(1001, num(kernel(out), "bytesAcked"), "1000 bytes and the SYN");
            assertEquals(300, num(kernel(out), "bytesReceived"));
            Map<String, Object> in = t.only(c -> client.equals(c.get("remote")));
            assertEquals("server", in.get("role"));
            assertEquals(1000, num(kernel(in), "bytesReceived"));
            assertEquals("flow", t.only(c -> "udp".equals(c.get("proto"))).get("role"));
            assertTrue(String.valueOf(t.only(c -> "unix".equals(c.get("proto"))).get("local")).startsWith("@nettrace-holder-"));
        }
    }
}
