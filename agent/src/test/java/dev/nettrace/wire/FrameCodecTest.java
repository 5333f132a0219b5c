package dev.nettrace.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private static DataInputStream stream(ByteBuffer b) {
        b.flip();
        return new DataInputStream(new ByteArrayInputStream(Arrays.copyOf(b.array(), b.limit())));
    }

    @Test
    void everyFieldOfAnEventSurvivesTheTrip() throws IOException {
        Frame e = new Frame().clear(Frame.EVENT);
        e.op = "connect";
        e.virtual = true;
        e.fd = 12;
        e.newFd = 13;
        e.tid = 4242;
        e.ts = 1_795_000_000_123_456_789L;
        e.durNs = 987_654;
        e.ret = -1;
        e.bytes = 5;
        e.errno = "EINPROGRESS";
        e.thread = "wörker-1";
        e.family = "AF_INET6";
        e.sockType = "SOCK_STREAM";
        e.local = "[::1]:40000";
        e.remote = "[::1]:8080";
        e.exception = "java.net.ConnectException";
        e.message = "Connection refused";
        e.host = "example.test";
        e.answers = List.of("127.0.0.7", "::1");
        e.option = "TCP_NODELAY";
        e.value = "true";
        e.stack = List.of("a.B.c(B.java:1)", "d.E.f(E.java:2)");
        ByteBuffer out = ByteBuffer.allocate(4096);
        assertTrue(FrameCodec.encode(e, out));
        Frame d = FrameCodec.decode(stream(out));
        assertEquals(List.of(e.op, e.virtual, e.fd, e.newFd, e.tid, e.ts, e.durNs, e.ret, e.bytes, e.errno, e.thread, e.family, e.sockType,
                        e.local, e.remote, e.exception, e.message, e.host, e.answers, e.option, e.value, e.stack),
                List.of(d.op, d.virtual, d.fd, d.newFd, d.tid, d.ts, d.durNs, d.ret, d.bytes, d.errno, d.thread, d.family, d.sockType,
                        d.local, d.remote, d.exception, d.message, d.host, d.answers, d.option, d.value, d.stack));
    }

    @Test
    void nullsStayNullAndFramesFollowEachOther() throws IOException {
        ByteBuffer out = ByteBuffer.allocate(4096);
        Frame hello = new Frame().clear(Frame.HELLO);
        hello.pid = 77;
        hello.text = "17.0.21 OpenJDK";
        Frame bye = new Frame().clear(Frame.BYE);
        bye.count = 123;
        assertTrue(FrameCodec.encode(hello, out));
        assertTrue(FrameCodec.encode(new Frame().clear(Frame.EVENT), out));
        assertTrue(FrameCodec.encode(bye, out));
        DataInputStream in = stream(out);
        Frame h = FrameCodec.decode(in);
        assertEquals(77, h.pid);
        assertEquals("17.0.21 OpenJDK", h.text);
        Frame ev = FrameCodec.decode(in);
        assertNull(ev.op);
        assertNull(ev.answers);
        assertEquals(-1, ev.bytes);
        Frame b = FrameCodec.decode(in);
        assertEquals(Frame.BYE, b.kind);
        assertEquals(123, b.count);
        assertNull(b.text);
        assertThrows(EOFException.class, () -> FrameCodec.decode(in));
    }

    @Test
    void aFrameThatDoesNotFitLeavesTheBufferAsItWas() {
        Frame e = new Frame().clear(Frame.EVENT);
        e.message = "x".repeat(1000);
        ByteBuffer out = ByteBuffer.allocate(200);
        out.put((byte) 9);
        assertFalse(FrameCodec.encode(e, out));
        assertEquals(1, out.position());
    }

    @Test
    void garbageIsAnErrorNotAnAllocation() {
        byte[] huge = {0x7f, 0, 0, 0, 2};
        assertThrows(IOException.class, () -> FrameCodec.decode(new DataInputStream(new ByteArrayInputStream(huge))));
        byte[] truncated = {0, 0, 0, 3, Frame.EVENT, 0, 9};
        assertThrows(IOException.class, () -> FrameCodec.decode(new DataInputStream(new ByteArrayInputStream(truncated))));
    }

    @Test
    void aTypicalReadIsAFewDozenBytesAndItsTimestampIsReadableWithoutDecoding() throws IOException {
        Frame e = new Frame().clear(Frame.EVENT);
        e.op = "recv";
        e.ts = 1_795_000_000_123_456_789L;
        e.durNs = 3_400;
        e.thread = "main";
        e.tid = 81234;
        e.fd = 14;
        e.ret = 8;
        e.bytes = 8;
        e.sockType = "SOCK_STREAM";
        ByteBuffer out = ByteBuffer.allocate(4096);
        assertTrue(FrameCodec.encode(e, out));
        assertTrue(out.position() <= 32, "a recv took " + out.position() + " bytes");
        ByteBuffer body = ByteBuffer.wrap(out.array(), 5, out.position() - 5).slice();
        assertEquals(e.ts, FrameCodec.eventTimestamp(body));
        ByteBuffer cut = ByteBuffer.wrap(out.array(), 5, out.position() - 6).slice();
        assertThrows(IOException.class, () -> FrameCodec.eventTimestamp(cut));
        Frame d = FrameCodec.decode(stream(out));
        assertEquals(List.of("recv", 14, -1, 81234, e.ts, 3_400L, 8L, 8L, "SOCK_STREAM", "main"),
                List.of(d.op, d.fd, d.newFd, d.tid, d.ts, d.durNs, d.ret, d.bytes, d.sockType, d.thread));
    }

    @Test
    void wordsOutsideTheVocabularyStillArrive() throws IOException {
        Frame e = new Frame().clear(Frame.EVENT);
        e.op = "sendmmsg";
        e.errno = "EHOSTDOWN";
        ByteBuffer out = ByteBuffer.allocate(4096);
        assertTrue(FrameCodec.encode(e, out));
        Frame d = FrameCodec.decode(stream(out));
        assertEquals(List.of("sendmmsg", "EHOSTDOWN"), List.of(d.op, d.errno));
    }

    @Test
    void theDetachRequestIsAFrameOfItsOwnKind() throws IOException {
        byte[] detach = FrameCodec.detachRequest();
        assertEquals(4 + 1, detach.length);
        assertEquals(1, ByteBuffer.wrap(detach).getInt());
        assertEquals(Frame.DETACH, detach[4]);
        assertThrows(IOException.class, () -> FrameCodec.decode(new DataInputStream(new ByteArrayInputStream(detach))),
                "agents never send it, so a collector reading one is reading garbage");
    }
}
