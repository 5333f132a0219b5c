package dev.nettrace.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The daemon's SQLite file. One thread writes (through {@link #commit}); readers open their own
 * connections, which WAL lets run beside the writer. Events are kept as deflated NDJSON chunks,
 * one per process per commit, because a row per event caps ingest far below what agents produce;
 * connection records get a row each, indexed by process, time and remote address.
 *
 * <p>Durability: journal_mode=WAL, and a commit returns only after SQLite has written the
 * transaction to the WAL. With synchronous=NORMAL that survives the daemon being killed (the
 * data is in the kernel); with {@code fsync} true (synchronous=FULL) it also survives power loss.
 */
public final class Store implements AutoCloseable {
    static {
        // sqlite-jdbc logs through SLF4J when it is on the class path (OSHI brings it) and SLF4J, finding
        // no logging backend, would print three warning lines on every command's stderr.
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
    }

    /** event_chunk.format: newline-separated NDJSON (schema 1), or EventChunk's entries (since schema 2). */
    private static final int FORMAT_LINES = 0, FORMAT_ENTRIES = 1;

    private final Path file;
    private final Connection writer;
    private final Map<ProcessKey, Long> processIds = new HashMap<>();
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    /** Reused across commits: chunk bodies are megabytes at full rate, growing them afresh dominated the cost. */
    private final ByteArrayOutputStream packed = new ByteArrayOutputStream(1 << 18);
    private final List<EventChunk> chunks = new ArrayList<>();
    private final byte[] deflateBuf = new byte[64 * 1024];
    private final PreparedStatement findProcess, insertProcess, bumpProcess, insertChunk, upsertConnection;

    private Store(Path file, Connection writer) throws SQLException {
        this.file = file;
        this.writer = writer;
        findProcess = writer.prepareStatement("SELECT id FROM process WHERE pid = ? AND start_ticks = ?");
        insertProcess = writer.prepareStatement(
                "INSERT INTO process(pid, start_ticks, uid, comm, source, first_ns, last_ns) VALUES (?, ?, ?, ?, ?, ?, ?)");
        bumpProcess = writer.prepareStatement(
                "UPDATE process SET events = events + ?, dropped = max(dropped, ?), last_ns = max(last_ns, ?),"
                        + " comm = coalesce(comm, ?) WHERE id = ?");
        insertChunk = writer.prepareStatement(
                "INSERT INTO event_chunk(process_id, first_ts, last_ts, count, body, format) VALUES (?, ?, ?, ?, ?, " + FORMAT_ENTRIES + ")");
        upsertConnection = writer.prepareStatement(
                "INSERT INTO connection(process_id, conn_key, opened_ns, ended_ns, remote, outcome, record) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT(process_id, conn_key) DO UPDATE SET opened_ns = excluded.opened_ns,"
                        + " ended_ns = excluded.ended_ns, remote = excluded.remote, outcome = excluded.outcome, record = excluded.record");
    }

    /** Opens (creating if needed) and migrates the store at file. */
    public static Store open(Path file, boolean fsync) {
        return open(file, fsync, Schema.MIGRATIONS);
    }

    static Store open(Path file, boolean fsync, List<String> migrations) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                // Must precede the first table so that deleted data can be given back to the file system.
                s.execute("PRAGMA auto_vacuum = INCREMENTAL");
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                    if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) throw new StoreException("cannot put " + file + " in WAL mode");
                }
                s.execute("PRAGMA synchronous = " + (fsync ? "FULL" : "NORMAL"));
            }
            Schema.migrate(c, migrations);
            c.setAutoCommit(false);
            return new Store(file, c);
        } catch (IOException e) {
            throw new StoreException("cannot create the directory of " + file + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Writes the batches in one transaction; when this returns they are durable. */
    public void commit(List<Batch> batches) {
        try {
            Map<Long, List<Batch>> byProcess = new HashMap<>();
            for (Batch b : batches) byProcess.computeIfAbsent(processId(b.process()), k -> new ArrayList<>()).add(b);
            for (Map.Entry<Long, List<Batch>> e : byProcess.entrySet()) writeProcess(e.getKey(), e.getValue());
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            processIds.clear(); // rows inserted by the failed transaction are gone
            try {
                writer.rollback();
            } catch (SQLException ignored) {
                // the original failure is the one worth reporting
            }
            throw new StoreException("cannot write to " + file + ": " + e.getMessage(), e);
        }
    }

    private long processId(ProcessKey k) throws SQLException {
        Long id = processIds.get(k);
        if (id != null) return id;
        findProcess.setInt(1, k.pid());
        findProcess.setLong(2, k.startTicks());
        try (ResultSet rs = findProcess.executeQuery()) {
            if (rs.next()) id = rs.getLong(1);
        }
        if (id == null) {
            long now = System.currentTimeMillis() * 1_000_000L;
            insertProcess.setInt(1, k.pid());
            insertProcess.setLong(2, k.startTicks());
            insertProcess.setInt(3, k.uid());
            insertProcess.setString(4, k.comm());
            insertProcess.setString(5, k.source());
            insertProcess.setLong(6, now);
            insertProcess.setLong(7, now);
            insertProcess.executeUpdate();
            try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        processIds.put(k, id);
        return id;
    }

    private void writeProcess(long processId, List<Batch> batches) throws SQLException {
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE, dropped = 0;
        int count = 0;
        chunks.clear();
        String comm = null;
        for (Batch b : batches) {
            dropped = Math.max(dropped, b.droppedSoFar());
            if (comm == null) comm = b.process().comm();
            EventChunk events = b.events();
            if (events.count() > 0) {
                chunks.add(events);
                count += events.count();
                first = Math.min(first, events.firstTs());
                last = Math.max(last, events.lastTs());
            }
            for (Batch.ConnectionLine c : b.connections()) {
                upsertConnection.setLong(1, processId);
                upsertConnection.setString(2, c.key());
                if (c.openedNs() == null) upsertConnection.setNull(3, java.sql.Types.INTEGER);
                else upsertConnection.setLong(3, c.openedNs());
                upsertConnection.setLong(4, c.endedNs());
                upsertConnection.setString(5, c.remote());
                upsertConnection.setString(6, c.outcome());
                upsertConnection.setString(7, c.json());
                upsertConnection.executeUpdate();
                last = Math.max(last, c.endedNs());
            }
        }
        if (count > 0) {
            insertChunk.setLong(1, processId);
            insertChunk.setLong(2, first);
            insertChunk.setLong(3, last);
            insertChunk.setInt(4, count);
            insertChunk.setBytes(5, deflate(chunks));
            chunks.clear(); // not to hold this commit's events in memory until the next one
            insertChunk.executeUpdate();
        }
        bumpProcess.setLong(1, count);
        bumpProcess.setLong(2, dropped);
        bumpProcess.setLong(3, last == Long.MIN_VALUE ? 0 : last);
        bumpProcess.setString(4, comm);
        bumpProcess.setLong(5, processId);
        bumpProcess.executeUpdate();
    }

    /** One deflate stream over the events of every batch, fed in place: the entries are not gathered into one array first. */
    private byte[] deflate(List<EventChunk> events) {
        deflater.reset();
        packed.reset();
        for (EventChunk e : events) {
            e.feed(deflater);
            while (!deflater.needsInput()) packed.write(deflateBuf, 0, deflater.deflate(deflateBuf));
        }
        deflater.finish();
        while (!deflater.finished()) packed.write(deflateBuf, 0, deflater.deflate(deflateBuf));
        return packed.toByteArray();
    }

    static byte[] inflate(byte[] packed) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(packed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(packed.length * 6);
            byte[] buf = new byte[64 * 1024];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) throw new StoreException("a stored event chunk is truncated");
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new StoreException("a stored event chunk is corrupt: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    /** A connection for a reader; WAL lets it see the last commit while the writer goes on. */
    Connection reader() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
        }
        return c;
    }

    /** Every stored process, newest first. */
    public List<StoredProcess> processes() {
        return queryProcesses("", null);
    }

    /** The most recent process that had this pid, if any was stored. */
    public Optional<StoredProcess> latest(int pid) {
        return queryProcesses("WHERE p.pid = ?", pid).stream().findFirst();
    }

    private List<StoredProcess> queryProcesses(String where, Integer pid) {
        String sql = "SELECT p.id, p.pid, p.start_ticks, p.uid, p.comm, p.source, p.first_ns, p.last_ns, p.events,"
                + " (SELECT count(*) FROM connection c WHERE c.process_id = p.id), p.dropped FROM process p "
                + where + " ORDER BY p.first_ns DESC, p.id DESC";
        try (Connection c = reader(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (pid != null) ps.setInt(1, pid);
            List<StoredProcess> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredProcess(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getInt(4), rs.getString(5),
                            rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Receives the lines of a dump: events first (in arrival order), then connection records. */
    public interface DumpSink {
        void event(String line);

        void connection(String line);
    }

    /**
     * A process's timeline between since and until (ns since the epoch, inclusive): the events in
     * that window and the connections that overlap it.
     */
    public void dump(long processId, long since, long until, DumpSink sink) {
        try (Connection c = reader()) {
            c.setAutoCommit(false); // one read transaction: a consistent snapshot across both tables
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT first_ts, last_ts, body, format FROM event_chunk WHERE process_id = ? AND first_ts <= ? AND last_ts >= ?"
                            + " ORDER BY first_ts, id")) {
                bindWindow(ps, processId, since, until);
                int pid = pidOf(c, processId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        boolean whole = rs.getLong(1) >= since && rs.getLong(2) <= until;
                        byte[] body = inflate(rs.getBytes(3));
                        if (rs.getInt(4) != FORMAT_LINES) {
                            EventChunk.render(body, pid, since, until, whole, sink::event);
                            continue;
                        }
                        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
                            if (whole || within(EventTime.of(line), since, until)) sink.event(line);
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT record FROM connection WHERE process_id = ? AND coalesce(opened_ns, ended_ns) <= ? AND ended_ns >= ?"
                            + " ORDER BY coalesce(opened_ns, ended_ns), id")) {
                bindWindow(ps, processId, since, until);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) sink.connection(rs.getString(1));
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int pidOf(Connection c, long processId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pid FROM process WHERE id = ?")) {
            ps.setLong(1, processId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Binds "process_id = ? AND start <= until AND end >= since", the overlap test both tables use. */
    private static void bindWindow(PreparedStatement ps, long processId, long since, long until) throws SQLException {
        ps.setLong(1, processId);
        ps.setLong(2, until);
        ps.setLong(3, since);
    }

    private static boolean within(long ts, long since, long until) {
        return ts >= since && ts <= until;
    }

    /** Bytes the data occupies (pages in use, not free pages kept for reuse). */
    public long usedBytes() {
        try (Statement s = writer.createStatement()) {
            long pageSize = pragma(s, "page_size"), pages = pragma(s, "page_count"), free = pragma(s, "freelist_count");
            return (pages - free) * pageSize;
        } catch (SQLException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long pragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Deletes what ended before cutoffNs, then the oldest data until the store uses at most
     * maxBytes, and returns the space to the file system. Runs on the writer thread.
     */
    public RetentionResult enforceRetention(long cutoffNs, long maxBytes) {
        try (Statement s = writer.createStatement()) {
            long chunks = 0, conns = 0;
            try (PreparedStatement ps = writer.prepareStatement("DELETE FROM event_chunk WHERE last_ts < ?")) {
                ps.setLong(1, cutoffNs);
                chunks += ps.executeUpdate();
            }
            try (PreparedStatement ps = writer.prepareStatement("DELETE FROM connection WHERE ended_ns < ?")) {
                ps.setLong(1, cutoffNs);
                conns += ps.executeUpdate();
            }
            writer.commit();
            while (maxBytes > 0 && usedBytes() > maxBytes) {
                // Drop the oldest tenth of the chunks and every connection that ended before what remains.
                int deleted = s.executeUpdate("DELETE FROM event_chunk WHERE id IN (SELECT id FROM event_chunk ORDER BY last_ts LIMIT"
                        + " max(1, (SELECT count(*) FROM event_chunk) / 10))");
                chunks += deleted;
                long oldest;
                try (ResultSet rs = s.executeQuery("SELECT min(last_ts) FROM event_chunk")) {
                    rs.next();
                    oldest = rs.getObject(1) == null ? Long.MAX_VALUE : rs.getLong(1);
                }
                int c = s.executeUpdate("DELETE FROM connection WHERE ended_ns < " + oldest);
                if (deleted == 0 && c == 0) {
                    c = s.executeUpdate("DELETE FROM connection WHERE id IN (SELECT id FROM connection ORDER BY ended_ns LIMIT"
                            + " max(1, (SELECT count(*) FROM connection) / 10))");
                }
                conns += c;
                writer.commit();
                if (deleted == 0 && c == 0) break;
            }
            s.executeUpdate("DELETE FROM process WHERE last_ns < " + cutoffNs
                    + " AND id NOT IN (SELECT process_id FROM event_chunk) AND id NOT IN (SELECT process_id FROM connection)");
            writer.commit();
            processIds.clear();
            if (chunks + conns > 0) giveBackSpace(s);
            return new RetentionResult(chunks, conns);
        } catch (SQLException e) {
            try {
                writer.rollback();
            } catch (SQLException ignored) {
                // report the first failure
            }
            throw new StoreException("cannot apply retention to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Shrinks the file by the pages freed and empties the WAL, outside any transaction. */
    private void giveBackSpace(Statement s) throws SQLException {
        writer.setAutoCommit(true);
        try {
            s.execute("PRAGMA incremental_vacuum");
            try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                rs.next();
            }
        } finally {
            writer.setAutoCommit(false);
        }
    }

    /** What one retention pass removed. */
    public record RetentionResult(long eventChunks, long connections) {}

    @Override
    public void close() {
        try {
            writer.commit();
            writer.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close " + file + ": " + e.getMessage(), e);
        } finally {
            deflater.end();
        }
    }
}
