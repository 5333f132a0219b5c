package dev.nettrace.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.json.Json;
import dev.nettrace.os.Netns;
import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.Privileges;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `nettrace sockets PID` on a real process, including one in a network namespace the host's tools cannot see into. */
class SocketsCommandTest {

    @Test
    void listsTheSocketsOfAProcessInAnotherNetworkNamespaceWithTcpInfo() throws Exception {
        Privileges.requireRoot("creates a network namespace");
        Privileges.requireCommand("ip");
        Privileges.requireCommand("ss");
        try (TestNetns ns = new TestNetns(); PythonProgram holder = PythonProgram.start(ns.exec(), Scripts.HOLDER)) {
            String[] ready = holder.awaitLine().split(" ");
            String listen = "127.0.0.1:" + ready[1], client = "127.0.0.1:" + ready[2];
            int pid = holder.pid();
            // `ip netns exec` execs the interpreter, so the pid we hold is the python process in the namespace
            long nsInode = Netns.inode(pid);
            assertNotEquals(Netns.self(), nsInode);

            Cli.Result json = Cli.run(60, "sockets", "--json", Integer.toString(pid));
            assertEquals(0, json.exitCode(), json.stderr());
            List<Map<String, Object>> rows = json.stdout().lines().map(Json::parseObject).toList();
            Map<String, Object> listener = find(rows, listen, "0.0.0.0:0");
            assertEquals("LISTEN", listener.get("state"));
            assertEquals(nsInode, ((Number) listener.get("netns")).longValue());
            Map<String, Object> out = find(rows, client, listen);
            assertEquals("ESTAB", out.get("state"));
            Map<?, ?> k = (Map<?, ?>) out.get("kernel");
            assertEquals(1000L, ((Number) k.get("bytesSent")).longValue());
            assertEquals(300L, ((Number) k.get("bytesReceived")).longValue());
            assertTrue(((Number) k.get("rttUs")).longValue() > 0);
            assertTrue(Long.parseLong((String) out.get("cookie")) != 0);
            Map<String, Object> in = find(rows, listen, client);
            assertEquals(1000L, ((Number) ((Map<?, ?>) in.get("kernel")).get("bytesReceived")).longValue());
            assertTrue(rows.stream().anyMatch(r -> "udp".equals(r.get("proto"))), rows.toString());
            assertTrue(rows.stream().anyMatch(r -> "unix".equals(r.get("proto")) && String.valueOf(r.get("local")).startsWith("@nettrace-holder-")), rows.toString());
            assertEquals(5, rows.size(), "listener, two ends, udp, unix: " + rows);

            Cli.Result text = Cli.run(60, "sockets", Integer.toString(pid));
            assertEquals(0, text.exitCode(), text.stderr());
            assertTrue(text.stdout().contains("ESTAB") && text.stdout().contains("bytes_acked:") && text.stdout().contains(client), text.stdout());

            // the host's view does not have it: that is why we read the process's own namespace
            Process ss = new ProcessBuilder("ss", "-tanH").start();
            String host = new String(ss.getInputStream().readAllBytes());
            ss.waitFor();
            assertFalse(host.contains(client + " "), "host ss unexpectedly shows " + client);
        }
    }

    static Map<String, Object> find(List<Map<String, Object>> rows, String local, String remote) {
        return rows.stream().filter(r -> local.equals(r.get("local")) && remote.equals(r.get("remote"))).findFirst()
                .orElseThrow(() -> new AssertionError("no socket " + local + " -> " + remote + " in " + rows));
    }

    @Test
    void aMissingProcessIsOneLineAndExitOne() throws Exception {
        Cli.Result r = Cli.run(60, "sockets", "999999999");
        assertEquals(1, r.exitCode());
        assertEquals("nettrace: no such process: 999999999", r.stderr().strip());
    }
}
