package dev.nettrace.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random bytes and random frames, for a bounded time: only clean protocol errors, never a crash. */
class FuzzTest {
    @TempDir Path dir;

    private static final String[] PIECES = {"{", "}", "[", "]", "\"", ":", ",", "\n", "\"type\"", "\"event\"", "\"connection\"", "\"drops\"",
        "\"pid\"", "\"ts\"", "\"cmd\"", "\"dump\"", "\"ps\"", "\"proto\"", "1", "-1", "99999999999999999999", "0.5", "null", "true", "\\u12", "\\", "é"};

    private static byte[] randomPayload(Random r) {
        if (r.nextInt(4) == 0) {
            byte[] b = new byte[r.nextInt(300)];
            r.nextBytes(b);
            return b;
        }
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(40); i > 0; i--) s.append(PIECES[r.nextInt(PIECES.length)]);
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] KINDS = {Frame.AGENT_HELLO, Frame.AGENT_EVENT, Frame.AGENT_DROPS, Frame.AGENT_BYE, Frame.HELLO, Frame.RECORDS,
        Frame.REQUEST, Frame.ACK, Frame.ERROR, 0, 0x7f};

    @Test
    void decoderAndRecordParserRejectGarbageOnlyWithProtocolErrors() {
        Random r = new Random(42);
        Reporter helper = Reporter.helper(Map.of("proto", 1L), new UnixSocket.Peer((int) ProcessHandle.current().pid(), 0, 0));
        for (int cases = 0; cases < 3000; cases++) {
            FrameDecoder d = new FrameDecoder();
            byte[] stream = new byte[r.nextInt(2000)];
            r.nextBytes(stream);
            if (r.nextBoolean()) {
                byte[] framed = new Frame(KINDS[r.nextInt(KINDS.length)], randomPayload(r)).encode();
                System.arraycopy(framed, 0, stream, 0, Math.min(framed.length, stream.length));
            }
            try {
                for (int off = 0; off < stream.length; ) {
                    int n = Math.min(stream.length - off, 1 + r.nextInt(64));
                    d.feed(stream, off, n, f -> { });
                    off += n;
                }
            } catch (ProtocolException expected) {
                assertTrue(expected.getMessage().startsWith("malformed frame") || expected.getMessage().startsWith("oversized frame"), expected.getMessage());
            }
            try {
                byte[] payload = randomPayload(r);
                helper.records(payload, 0, payload.length, dev.nettrace.store.Batch::new);
            } catch (ProtocolException expected) {
                assertTrue(!expected.getMessage().isBlank());
            } catch (RuntimeException e) {
                fail("record parser threw " + e + " instead of a protocol error");
            }
            byte[] agentFrame = new Frame(Frame.AGENT_EVENT, java.util.Arrays.copyOf(stream, r.nextInt(stream.length + 1))).encode();
            try {
                AgentEventLayout.timestamp(agentFrame, 0, agentFrame.length);
            } catch (ProtocolException expected) {
                assertEquals("malformed agent frame: truncated or corrupt frame", expected.getMessage());
            }
        }
    }

    @Test
    void randomClientsForThreeSecondsLeaveTheDaemonServing() throws Exception {
        try (DaemonProcess d = DaemonProcess.start(dir, "--frame-timeout", "500")) {
            AtomicLong clients = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 3000;
            for (int t = 0; t < 4; t++) {
                long seed = 1000 + t;
                Thread th = new Thread(() -> {
                    Random r = new Random(seed);
                    while (System.currentTimeMillis() < deadline) {
                        try (RawClient c = new RawClient(d.socket)) {
                            clients.incrementAndGet();
                            int frames = 1 + r.nextInt(4);
                            for (int i = 0; i < frames; i++) {
                                byte[] f = r.nextInt(5) == 0 ? randomPayload(r) : new Frame(KINDS[r.nextInt(KINDS.length)], randomPayload(r)).encode();
                                if (r.nextInt(5) == 0) f = java.util.Arrays.copyOf(f, r.nextInt(f.length + 1)); // truncated
                                c.write(f);
                            }
                            if (r.nextBoolean()) c.ch.shutdownOutput();
                            c.awaitError(5000);
                        } catch (IOException e) {
                            // the daemon may hang up while we still write: that is its right
                        } catch (Throwable e) {
                            synchronized (failures) {
                                failures.add(e);
                            }
                        }
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) th.join();
            assertEquals(List.of(), failures);
            assertTrue(clients.get() > 50, "only " + clients.get() + " fuzz clients");
            assertTrue(d.alive(), d.log());
            try (DaemonClient c = DaemonClient.connect(d.socket)) {
                assertEquals(d.pid(), c.request(Map.of("cmd", "status"), f -> { }).get("pid"));
            }
            try (HelperStream h = new HelperStream(d.socket)) {
                h.awaitAck(h.send(List.of(HelperStream.event((int) ProcessHandle.current().pid(), Reporter.nowNs(), "connect", 3, "127.0.0.1:1"))));
            }
            assertTrue(!d.log().contains("internal error") && !d.log().contains("Exception"), d.log());
        }
    }
}
