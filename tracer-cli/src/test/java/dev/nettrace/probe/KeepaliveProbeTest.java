package dev.nettrace.probe;

import static dev.nettrace.testkit.NetnsLab.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.testkit.Cli;
import dev.nettrace.testkit.NetnsLab;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The keepalive probe of an idle connection owned by a real process in the client namespace:
 * alive, reset and no-answer, and in every case the owner reads no byte and sees no error.
 */
class KeepaliveProbeTest {
    /** Connects, reports pid, fd and local port, then on each command checks what its socket saw. */
    private static final String OWNER = String.join("\n",
            "import os, socket, sys",
            "s = socket.create_connection((sys.argv[1], int(sys.argv[2])))",
            "print(os.getpid(), s.fileno(), s.getsockname()[1], flush=True)",
            "for cmd in sys.stdin:",
            "    s.setblocking(False)",
            "    try:",
            "        got = 'data:' + repr(s.recv(100))",
            "    except BlockingIOError:",
            "        got = 'nodata'",
            "    except OSError as e:",
            "        got = 'error:' + str(e.errno)",
            "    err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)",
            "    s.setblocking(True)",
            "    echo = ''",
            "    if cmd.strip() == 'echo':",
            "        s.settimeout(5)",
            "        s.sendall(b'ping')",
            "        echo = s.recv(100).decode()",
            "    print(got, err, echo, flush=True)");

    static NetnsLab lab;

    @BeforeAll
    static void lab() throws Exception {
        lab = NetnsLab.forTest("python3");
    }


    private record Owner(Process process, BufferedReader out, Writer in, String pid, String fd, int port) {
        static Owner start(String server) throws Exception {
            Process p = lab.spawn(CLIENT, "python3", "-c", OWNER, server, Integer.toString(TCP_OPEN));
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String[] f = out.readLine().split(" ");
            return new Owner(p, out, new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8), f[0], f[1], Integer.parseInt(f[2]));
        }

        /** What the owner's socket saw since it connected: "nodata 0 " means nothing at all. */
        String check(boolean echo) throws Exception {
            in.write(echo ? "echo\n" : "look\n");
            in.flush();
            return out.readLine();
        }
    }

    private static Map<String, Object> probe(String conn) throws Exception {
        var r = LabProbes.json(lab, "probe", "--conn", conn, "-w", "0.5");
        assertEquals(1, r.size());
        assertEquals("keepalive", r.get(0).get("probe"));
        return r.get(0);
    }

    @Test
    void aLiveConnectionAnswersAndItsOwnerSeesNothing() throws Exception {
        for (String server : new String[] {SERVER_V4, SERVER_V6}) {
            Owner o = Owner.start(server);
            Map<String, Object> byFd = probe(o.pid() + ":" + o.fd());
            assertEquals("alive", byFd.get("verdict"), byFd::toString);
            assertEquals("ack", byFd.get("reason"));
            assertTrue(((Number) byFd.get("rttNs")).longValue() > 0);
            assertEquals(62L, byFd.get("ttl"));
            String client = server.contains(":") ? "[" + CLIENT_V6 + "]" : CLIENT_V4;
            String srv = server.contains(":") ? "[" + server + "]" : server;
            Map<String, Object> byAddr = probe(client + ":" + o.port() + "," + srv + ":" + TCP_OPEN);
            assertEquals("alive", byAddr.get("verdict"), byAddr::toString);
            assertEquals("nodata 0 ping", o.check(true), "the owner must see no byte and no error, and its connection must still work");
        }
    }

    @Test
    void aPeerThatForgotTheConnectionAnswersReset() throws Exception {
        Owner o = Owner.start(SERVER_V4);
        // The server forgets the connection without telling the client (its RST is dropped on the way out).
        String rule = "-p tcp --tcp-flags RST RST -d " + CLIENT_V4 + " --dport " + o.port() + " -j DROP";
        lab.exec(SERVER, ("iptables -I OUTPUT " + rule).split(" "));
        lab.exec(SERVER, "ss", "-K", "dst", CLIENT_V4, "dport", "= :" + o.port());
        lab.exec(SERVER, ("iptables -D OUTPUT " + rule).split(" "));
        Map<String, Object> r = probe(o.pid() + ":" + o.fd());
        assertEquals("reset", r.get("verdict"), r::toString);
        assertEquals("nodata 0 ", o.check(false), "the peer's RST must not reach the owner's socket");
    }

    @Test
    void aMiddleboxThatDropsTheFlowMeansNoAnswer() throws Exception {
        Owner o = Owner.start(SERVER_V4);
        String rule = "-p tcp -s " + CLIENT_V4 + " --sport " + o.port() + " -j DROP";
        lab.exec(R1, ("iptables -I FORWARD " + rule).split(" "));
        try {
            Map<String, Object> r = probe(o.pid() + ":" + o.fd());
            assertEquals("no-answer", r.get("verdict"), r::toString);
            assertEquals("no-response", r.get("reason"));
        } finally {
            lab.exec(R1, ("iptables -D FORWARD " + rule).split(" "));
        }
        assertEquals("nodata 0 ping", o.check(true));
    }

    @Test
    void textNamesTheConnectionAndItsOwner() throws Exception {
        Owner o = Owner.start(SERVER_V4);
        Cli.Result r = LabProbes.run(lab, "probe", "--conn", o.pid() + ":" + o.fd());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("connection " + CLIENT_V4 + ":" + o.port() + " -> " + SERVER_V4 + ":" + TCP_OPEN
                + " (" + o.pid() + ":" + o.fd() + "): alive: the peer answered with an ACK in "), r.stdout());
    }
}
