package dev.nettrace.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettrace.netlink.BorrowedSocket;
import dev.nettrace.netlink.DestroyListener;
import dev.nettrace.netlink.InetSocket;
import dev.nettrace.netlink.SockDiag;
import dev.nettrace.procfs.ProcFds;
import dev.nettrace.procfs.ProcNet;
import dev.nettrace.procfs.ProcNetRow;
import dev.nettrace.testkit.Privileges;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The parsers and netlink code against real loopback sockets opened by this JVM. */
class KernelTablesTest {
    static final int SELF = (int) ProcessHandle.current().pid();
    ServerSocket server;
    Socket client, accepted;
    Endpoint clientEnd, serverEnd;

    @BeforeEach
    void connect() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        client = new Socket();
        client.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()));
        accepted = server.accept();
        clientEnd = new Endpoint(InetAddress.getByName("127.0.0.1"), client.getLocalPort());
        serverEnd = new Endpoint(InetAddress.getByName("127.0.0.1"), server.getLocalPort());
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {client, accepted, server}) if (c != null) c.close();
    }

    /** Rows for our own sockets, from whichever table the JDK's socket family put them in. */
    static List<ProcNetRow> tcpRows() throws Exception {
        List<ProcNetRow> rows = new ArrayList<>(ProcNet.read(SELF, "tcp"));
        rows.addAll(ProcNet.read(SELF, "tcp6"));
        return rows;
    }

    static ProcNetRow row(List<ProcNetRow> rows, Endpoint local, Endpoint remote) {
        return rows.stream().filter(r -> r.local().equals(local) && r.remote().equals(remote)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + local + " -> " + remote + " in " + rows));
    }

    @Test
    void procNetRowsMatchTheSocketsAndTheirDescriptors() throws Exception {
        List<ProcNetRow> rows = tcpRows();
        ProcNetRow c = row(rows, clientEnd, serverEnd);
        assertEquals(TcpState.ESTABLISHED.ordinal(), c.state());
        assertEquals(new com.sun.security.auth.module.UnixSystem().getUid(), c.uid());
        ProcNetRow listener = rows.stream().filter(r -> r.local().equals(serverEnd) && r.remote().port() == 0).findFirst().orElseThrow();
        assertEquals(TcpState.LISTEN.ordinal(), listener.state());
        Map<Integer, Long> fds = ProcFds.sockets(SELF);
        assertTrue(fds.containsValue(c.inode()), "client inode " + c.inode() + " among our descriptors " + fds);
        assertTrue(fds.containsValue(listener.inode()));
        int fd = fds.entrySet().stream().filter(e -> e.getValue() == c.inode()).findFirst().orElseThrow().getKey();
        assertEquals(c.inode(), ProcFds.socketInode(SELF, fd));
    }

    @Test
    void exactLookupFindsTheSocketWithTcpInfoAndTheBorrowedCopyAgrees() throws Exception {
        byte[] payload = new byte[12345];
        client.getOutputStream().write(payload);
        accepted.getInputStream().readNBytes(payload.length);
        accepted.getOutputStream().write(new byte[777]);
        client.getInputStream().readNBytes(777);
        long inode = row(tcpRows(), clientEnd, serverEnd).inode();
        try (SockDiag diag = SockDiag.open()) {
            InetSocket s = awaitAcked(diag, payload.length);
            assertTrue(s.tcp().bytesAcked() >= payload.length, "bytes acked " + s.tcp().bytesAcked());
            assertEquals(inode, s.inode());
            assertEquals(TcpState.ESTABLISHED, s.state());
            assertEquals(clientEnd, s.local());
            assertEquals(serverEnd, s.remote());
            assertNotNull(s.tcp());
            assertEquals(777, s.tcp().bytesReceived());
            assertTrue(s.tcp().rttUs() > 0, "rtt " + s.tcp().rttUs());
            assertNotEquals(0, s.cookie());
            assertTrue(diag.lookup(SockDiag.Proto.TCP, clientEnd, new Endpoint(serverEnd.address(), 1)).isEmpty());

            int fd = ProcFds.sockets(SELF).entrySet().stream().filter(e -> e.getValue() == inode).findFirst().orElseThrow().getKey();
            try (BorrowedSocket b = BorrowedSocket.borrow(SELF, fd)) {
                assertEquals(clientEnd, b.local());
                assertEquals(serverEnd, b.remote());
                assertEquals(s.cookie(), b.cookie());
                assertEquals(777, b.tcpInfo().bytesReceived());
            }
            List<InetSocket> all = diag.dumpAll();
            assertTrue(all.stream().anyMatch(x -> x.inode() == inode && x.cookie() == s.cookie()));
            assertTrue(all.stream().anyMatch(x -> x.local().equals(serverEnd) && x.state() == TcpState.LISTEN));
        }
    }

    /** The client socket once the kernel has seen the peer acknowledge {@code bytes} (acks trail the write). */
    InetSocket awaitAcked(SockDiag diag, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            InetSocket s = diag.lookup(SockDiag.Proto.TCP, clientEnd, serverEnd).orElseThrow();
            if (s.tcp().bytesAcked() >= bytes || System.nanoTime() > deadline) return s;
            Thread.sleep(5);
        }
    }

    @Test
    void destroyNotificationCarriesTheFinalCounters() throws Exception {
        Privileges.requireRoot("sock_diag destroy groups need CAP_NET_ADMIN");
        List<InetSocket> destroyed = new CopyOnWriteArrayList<>();
        long cookie;
        try (SockDiag diag = SockDiag.open()) {
            cookie = diag.lookup(SockDiag.Proto.TCP, clientEnd, serverEnd).orElseThrow().cookie();
        }
        try (DestroyListener l = DestroyListener.start(SELF, destroyed::add)) {
            OutputStream out = client.getOutputStream();
            out.write(new byte[4000]);
            InputStream in = accepted.getInputStream();
            in.readNBytes(4000);
            client.close();
            accepted.close();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (destroyed.stream().noneMatch(s -> s.cookie() == cookie) && System.nanoTime() < deadline) Thread.sleep(10);
        }
        InetSocket last = destroyed.stream().filter(s -> s.cookie() == cookie).findFirst()
                .orElseThrow(() -> new AssertionError("no destroy notification for the client socket; got " + destroyed));
        assertEquals(clientEnd, last.local());
        assertNotNull(last.tcp());
        assertTrue(last.tcp().bytesAcked() >= 4000, "bytes acked " + last.tcp().bytesAcked());
    }
}
