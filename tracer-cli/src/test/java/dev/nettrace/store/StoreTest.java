package dev.nettrace.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir Path dir;

    private static final ProcessKey CURL = new ProcessKey(4242, 777, 1000, "curl", "ptrace");

    private static String event(long ts, String op) {
        return "{\"type\":\"event\",\"ts\":" + ts + ",\"pid\":4242,\"tid\":4242,\"source\":\"ptrace\",\"op\":\"" + op + "\",\"fd\":3}";
    }

    private static Batch batch(ProcessKey process, List<String> events, List<Batch.ConnectionLine> connections, long dropped) {
        Batch b = new Batch(process);
        for (String e : events) {
            byte[] line = e.getBytes(StandardCharsets.UTF_8);
            b.events().addLine(EventTime.of(e), line, 0, line.length);
        }
        b.connections().addAll(connections);
        b.dropped(dropped);
        return b;
    }

    private static Batch.ConnectionLine connection(long opened, Long closed, String outcome) {
        String json = "{\"type\":\"connection\",\"pid\":4242,\"inode\":99,\"openedNs\":" + opened
                + (closed != null ? ",\"closedNs\":" + closed : "") + ",\"remote\":\"127.0.0.1:8080\",\"outcome\":\"" + outcome + "\"}";
        return new Batch.ConnectionLine("i99@" + opened, opened, closed != null ? closed : opened, "127.0.0.1:8080", outcome, json);
    }

    private static List<String> dump(Store s, long id, long since, long until) {
        List<String> out = new ArrayList<>();
        s.dump(id, since, until, new Store.DumpSink() {
            @Override
            public void event(String line) {
                out.add(line);
            }

            @Override
            public void connection(String line) {
                out.add(line);
            }
        });
        return out;
    }

    @Test
    void recordsComeBackExactlyAfterReopenAndTimeWindowsCut() {
        Path db = dir.resolve("n.db");
        List<String> written = new ArrayList<>();
        try (Store s = Store.open(db, false)) {
            List<String> first = List.of(event(1_000, "socket"), event(2_000, "connect"));
            s.commit(List.of(batch(CURL, first, List.of(connection(2_000, null, "open")), 0)));
            // The same connection, now closed, replaces the open record; drops are cumulative.
            s.commit(List.of(batch(CURL, List.of(event(3_000, "close")), List.of(connection(2_000, 3_000L, "closed")), 5),
                    batch(CURL, List.of(), List.of(), 3)));
            written.addAll(List.of(event(1_000, "socket"), event(2_000, "connect"), event(3_000, "close")));
        }
        try (Store s = Store.open(db, false)) {
            StoredProcess p = s.latest(4242).orElseThrow();
            assertEquals(3, p.events());
            assertEquals(1, p.connections());
            assertEquals(5, p.dropped());
            assertEquals("curl", p.comm());
            List<String> all = dump(s, p.id(), Long.MIN_VALUE, Long.MAX_VALUE);
            assertEquals(4, all.size());
            assertEquals(written, all.subList(0, 3));
            assertTrue(all.get(3).contains("\"outcome\":\"closed\""), all.get(3));
            // A window inside the first chunk keeps only its event; the connection overlaps it.
            List<String> window = dump(s, p.id(), 1_500, 2_500);
            assertEquals(List.of(written.get(1), all.get(3)), window);
            assertEquals(List.of(), dump(s, p.id(), 4_000, 5_000));
        }
    }

    @Test
    void aReusedPidIsANewProcessAndDumpTakesTheLatest() {
        try (Store s = Store.open(dir.resolve("n.db"), false)) {
            s.commit(List.of(batch(CURL, List.of(event(1_000, "socket")), List.of(), 0)));
            ProcessKey again = new ProcessKey(4242, 900, 1000, "wget", "ptrace");
            s.commit(List.of(batch(again, List.of(event(5_000, "socket"), event(6_000, "close")), List.of(), 0)));
            assertEquals(2, s.processes().size());
            assertEquals(2, s.latest(4242).orElseThrow().events());
            assertEquals("wget", s.latest(4242).orElseThrow().comm());
        }
    }

    @Test
    void migrationsRunInOrderOnceAndANewerFileIsRefused() throws Exception {
        Path db = dir.resolve("m.db");
        List<String> v1 = Schema.MIGRATIONS;
        List<String> v2 = new ArrayList<>(v1);
        v2.add("ALTER TABLE process ADD COLUMN note TEXT;\nCREATE INDEX process_by_note ON process(note);\n");
        try (Store s = Store.open(db, false, v1)) {
            s.commit(List.of(batch(CURL, List.of(event(1_000, "socket")), List.of(), 0)));
        }
        try (Store s = Store.open(db, false, v2)) {
            assertEquals(1, s.latest(4242).orElseThrow().events(), "data survives the migration");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            assertEquals(v2.size(), Schema.userVersion(c));
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pragma_table_info('process') WHERE name = 'note'")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
        StoreException e = assertThrows(StoreException.class, () -> Store.open(db, false, v1));
        assertTrue(e.getMessage().contains("newer than this nettrace"), e.getMessage());
    }

    @Test
    void aFailingMigrationLeavesTheFileAtItsOldVersion() throws Exception {
        Path db = dir.resolve("f.db");
        try (Store s = Store.open(db, false)) {
            s.commit(List.of(batch(CURL, List.of(event(1_000, "socket")), List.of(), 0)));
        }
        List<String> broken = new ArrayList<>(Schema.MIGRATIONS);
        broken.add("CREATE TABLE extra(x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n");
        assertThrows(StoreException.class, () -> Store.open(db, false, broken));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            assertEquals(Schema.current(), Schema.userVersion(c));
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'extra'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the half-applied step was rolled back");
            }
        }
    }

    @Test
    void retentionDropsWhatEndedBeforeTheCutoffAndSizeLimitDropsTheOldest() {
        try (Store s = Store.open(dir.resolve("r.db"), false)) {
            s.commit(List.of(batch(CURL, List.of(event(1_000, "socket")), List.of(connection(1_000, 1_500L, "closed")), 0)));
            s.commit(List.of(batch(CURL, List.of(event(9_000, "socket")), List.of(connection(9_000, null, "open")), 0)));
            Store.RetentionResult r = s.enforceRetention(5_000, 0);
            assertEquals(1, r.eventChunks());
            assertEquals(1, r.connections());
            StoredProcess p = s.latest(4242).orElseThrow();
            assertEquals(List.of(event(9_000, "socket")),
                    dump(s, p.id(), Long.MIN_VALUE, Long.MAX_VALUE).subList(0, 1));

            // Fill with incompressible-ish data, then cap the size well below it.
            java.util.Random rnd = new java.util.Random(1);
            for (int k = 0; k < 200; k++) {
                List<String> evs = new ArrayList<>();
                for (int j = 0; j < 50; j++) {
                    long ts = 10_000 + k * 100L + j;
                    String json = "{\"type\":\"event\",\"ts\":" + ts + ",\"pid\":4242,\"host\":\"" + Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong()) + "\"}";
                    evs.add(json);
                }
                s.commit(List.of(batch(CURL, evs, List.of(), 0)));
            }
            long before = s.usedBytes();
            long cap = before / 3;
            s.enforceRetention(Long.MIN_VALUE, cap);
            assertTrue(s.usedBytes() <= cap, "used " + s.usedBytes() + " > cap " + cap);
            List<String> left = dump(s, s.latest(4242).orElseThrow().id(), Long.MIN_VALUE, Long.MAX_VALUE);
            assertTrue(!left.isEmpty() && left.get(left.size() - 1).contains("\"outcome\":\"open\"") || left.stream().anyMatch(l -> l.contains("\"ts\":29949")),
                    "the newest data is what remains");
        }
    }

    @Test
    void agentFramesAreKeptAsSentAndDumpedAsTheirNdjsonBesideLines() {
        dev.nettrace.wire.Frame f = new dev.nettrace.wire.Frame().clear(dev.nettrace.wire.Frame.EVENT);
        f.op = "connect";
        f.fd = 9;
        f.tid = 17;
        f.ts = 2_000;
        f.family = "AF_INET";
        f.sockType = "SOCK_STREAM";
        f.remote = "127.0.0.1:8080";
        f.exception = "java.net.ConnectException";
        f.message = "Connection refused";
        f.stack = List.of("a.B.c(B.java:1)");
        java.nio.ByteBuffer wire = java.nio.ByteBuffer.allocate(4096);
        dev.nettrace.wire.FrameCodec.encode(f, wire);
        Batch b = batch(CURL, List.of(event(1_000, "socket")), List.of(), 0);
        b.events().addAgentFrame(f.ts, wire.array(), 0, wire.position());
        try (Store s = Store.open(dir.resolve("a.db"), false)) {
            s.commit(List.of(b, batch(CURL, List.of(event(3_000, "close")), List.of(), 0)));
            String agentLine = dev.nettrace.json.Json.write(dev.nettrace.agent.FrameEvents.toEvent(f, CURL.pid()).toMap());
            assertTrue(agentLine.contains("\"errno\":\"ECONNREFUSED\"") && agentLine.contains("\"pid\":4242"), agentLine);
            long id = s.latest(4242).orElseThrow().id();
            assertEquals(List.of(event(1_000, "socket"), agentLine, event(3_000, "close")), dump(s, id, Long.MIN_VALUE, Long.MAX_VALUE));
            assertEquals(List.of(agentLine), dump(s, id, 1_500, 2_500));
        }
    }

    @Test
    void chunksWrittenBeforeSchema2ReadTheSameAfterTheMigration() throws Exception {
        Path db = dir.resolve("old.db");
        String lines = event(1_000, "socket") + "\n" + event(2_000, "close");
        java.util.zip.Deflater d = new java.util.zip.Deflater();
        d.setInput(lines.getBytes(StandardCharsets.UTF_8));
        d.finish();
        byte[] packed = new byte[4096];
        int n = d.deflate(packed);
        d.end();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            Schema.migrate(c, Schema.MIGRATIONS.subList(0, 1));
            st.execute("INSERT INTO process(id, pid, start_ticks, uid, comm, source, first_ns, last_ns, events) VALUES (1, 4242, 777, 1000, 'curl', 'ptrace', 0, 0, 2)");
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO event_chunk(process_id, first_ts, last_ts, count, body) VALUES (1, 1000, 2000, 2, ?)")) {
                ps.setBytes(1, java.util.Arrays.copyOf(packed, n));
                ps.executeUpdate();
            }
        }
        try (Store s = Store.open(db, false)) {
            long id = s.latest(4242).orElseThrow().id();
            assertEquals(List.of(event(1_000, "socket"), event(2_000, "close")), dump(s, id, Long.MIN_VALUE, Long.MAX_VALUE));
            assertEquals(List.of(event(2_000, "close")), dump(s, id, 1_500, 2_500));
        }
    }
}
