/**
 * The nettrace daemon: a collector on a Unix socket that stores every reporter's records in
 * SQLite (dev.nettrace.store), and the commands that talk to it.
 *
 * <h2>Wire protocol (version 1)</h2>
 * Every message is a frame: a big-endian u32 length L, then L bytes: a type byte and L-1 bytes
 * of payload. 1 &le; L &le; 1 MiB ({@link dev.nettrace.daemon.Frame#MAX_LENGTH}); a longer length
 * is refused as soon as its four bytes arrive. The first frame says who the client is:
 * <ul>
 * <li><b>Agent</b> (types 0x01-0x04, exactly dev.nettrace.wire.FrameCodec's frames): HELLO with
 *     its pid (which must be the connection's SO_PEERCRED pid, or that pid as seen inside the
 *     agent's own pid namespace), then EVENT, DROPS (cumulative lost count) and BYE. The daemon
 *     sends an agent only DETACH 0x85 to make it detach (its shipper skips any other frame), and
 *     an ERROR frame before closing on a protocol error.</li>
 * <li><b>Helper stream</b>: HELLO 0x10 {"proto":1,"source":"ptrace"}, then RECORDS 0x11 frames of
 *     NDJSON exactly as `run --format json` prints (event, connection, exit lines, plus
 *     {"type":"drops","pid":N,"dropped":TOTAL}). Each record's pid must belong to a process the
 *     peer's uid could ptrace. The daemon answers ACK 0x81 (u64: how many of this connection's
 *     frames are committed; cumulative, so a skipped ACK loses nothing) and may send DETACH 0x85.</li>
 * <li><b>Command</b>: one REQUEST 0x12 {"cmd":"status"|"ps"|"dump"|"detach"|"attach", ...},
 *     answered by DATA 0x83 frames (NDJSON; a dump's first record names the process,
 *     {"type":"process","pid":N,"comm":NAME}, then come its events and connection records) and
 *     one END 0x84 (a JSON object).</li>
 * </ul>
 * Any error is one ERROR 0x82 frame (one line of UTF-8), after which the daemon closes that
 * connection and carries on. Time bounds: the first frame, and every frame once begun, must
 * arrive whole within the frame timeout (5 s); a reporter may idle between frames.
 */
package dev.nettrace.daemon;
