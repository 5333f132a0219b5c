package dev.nettrace.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's schema as an ordered list of migrations; PRAGMA user_version is how many have
 * been applied. A new release appends a step, never edits an old one, so any older file can be
 * brought forward. Each step runs in its own transaction together with the version bump.
 */
final class Schema {
    private Schema() {}

    static final List<String> MIGRATIONS = List.of(
            // 1: processes, their events in compressed chunks, and their connection records.
            """
            CREATE TABLE process(
              id INTEGER PRIMARY KEY,
              pid INTEGER NOT NULL,
              start_ticks INTEGER NOT NULL,  -- /proc/PID/stat field 22; tells a reused pid apart, 0 when unknown
              uid INTEGER NOT NULL,          -- owner, for access checks after the process is gone
              comm TEXT,
              source TEXT NOT NULL,
              first_ns INTEGER NOT NULL,
              last_ns INTEGER NOT NULL,
              events INTEGER NOT NULL DEFAULT 0,
              dropped INTEGER NOT NULL DEFAULT 0,
              UNIQUE(pid, start_ticks));
            CREATE INDEX process_by_pid ON process(pid, first_ns);
            CREATE TABLE event_chunk(
              id INTEGER PRIMARY KEY,
              process_id INTEGER NOT NULL REFERENCES process(id),
              first_ts INTEGER NOT NULL,
              last_ts INTEGER NOT NULL,
              count INTEGER NOT NULL,
              body BLOB NOT NULL);           -- NDJSON event lines, deflated
            CREATE INDEX event_chunk_by_process_time ON event_chunk(process_id, first_ts);
            CREATE INDEX event_chunk_by_time ON event_chunk(last_ts);
            CREATE TABLE connection(
              id INTEGER PRIMARY KEY,
              process_id INTEGER NOT NULL REFERENCES process(id),
              conn_key TEXT NOT NULL,        -- inode or fd with open time: a later record of the same connection replaces it
              opened_ns INTEGER,
              ended_ns INTEGER NOT NULL,     -- closed, else last known activity; drives retention
              remote TEXT,
              outcome TEXT,
              record TEXT NOT NULL,          -- the NDJSON connection line
              UNIQUE(process_id, conn_key));
            CREATE INDEX connection_by_process_time ON connection(process_id, opened_ns);
            CREATE INDEX connection_by_remote ON connection(remote);
            CREATE INDEX connection_by_end ON connection(ended_ns);
            """,
            // 2: chunks keep events as reporters sent them (EventChunk's entries), so ingest only copies.
            """
            ALTER TABLE event_chunk ADD COLUMN format INTEGER NOT NULL DEFAULT 0;  -- 0: NDJSON lines, 1: EventChunk entries
            """);

    static int current() {
        return MIGRATIONS.size();
    }

    /** Brings the database to {@link #current()}; refuses a file written by a newer nettrace. */
    static void migrate(Connection c, List<String> migrations) throws SQLException {
        int version = userVersion(c);
        if (version > migrations.size()) {
            throw new StoreException("the database has schema version " + version + ", newer than this nettrace understands ("
                    + migrations.size() + "); use a newer nettrace or another --db");
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (int v = version; v < migrations.size(); v++) {
                for (String sql : migrations.get(v).split(";\\s*\n")) {
                    if (!sql.isBlank()) s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + (v + 1));
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
