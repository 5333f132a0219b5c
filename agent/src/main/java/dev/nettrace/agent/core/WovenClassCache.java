package dev.nettrace.agent.core;

import dev.nettrace.wire.DaemonSocket;
import dev.nettrace.wire.UserDirs;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Hooked classes as this agent build wove them, kept on disk between JVMs. Weaving with Byte
 * Buddy costs a JVM about a second of CPU at start, and leaves the JIT compiling Byte Buddy for
 * another second while the application runs; reading a woven class back costs a file read.
 *
 * An entry is found by the class's name and the checksum and length of the bytes it was woven
 * from, and holds those bytes in full: it is served only for exactly the same input, so neither
 * a checksum collision nor a JDK update can hand a JVM a wrong class; the woven part carries a
 * checksum of its own against a damaged file. Entries live in a directory per agent build (the
 * checksum of the jar this class came from) and JVM version, under the JVM user's own cache
 * directory ($XDG_CACHE_HOME or ~/.cache, then nettrace/agent-classes).
 *
 * Entries become code in java.base, so nobody but the JVM's user may be able to change them:
 * every directory on the way (symbolic links resolved) belongs to that user or root and is not
 * writable by others (unless sticky, as /tmp is), the cache's own directories and entries
 * belong to the user, are not links and are not writable by others; else there is no cache.
 * Directories of builds unused for a week are removed. Any failure to read or write means
 * weaving as if there were no cache. Files are read and written with java.io: NIO's channel
 * streams would load SocketChannelImpl (on JDK 25) inside a class load, where the JVM does not
 * show it to the transformer. Weavings that have no file (no usable directory, or bytes other
 * than the runtime image's) are kept in memory while the JVM runs.
 */
final class WovenClassCache {
    private static final int MAGIC = 0x4e54_5732; // "NTW2"
    private static final long UNUSED_BUILD_MS = TimeUnit.DAYS.toMillis(7);
    private static final Pattern BUILD_NAME = Pattern.compile("[0-9a-f]+-[0-9]+");
    private static final int GROUP_OR_OTHER_WRITE = 0022, STICKY = 01000;

    /** Where entries go; null when there is no usable cache directory. */
    private final Path dir;
    private final int uid;
    private final boolean debug;
    private final Map<String, Entry> inMemory = new ConcurrentHashMap<>();

    private record Entry(byte[] original, byte[] woven) {}

    private WovenClassCache(Path dir, int uid, boolean debug) {
        this.dir = dir;
        this.uid = uid;
        this.debug = debug;
    }

    static WovenClassCache open(boolean debug) {
        Path dir = null;
        int uid = -1;
        try {
            uid = (int) DaemonSocket.effectiveUid();
            Path home = cacheHome();
            String build = buildOf(Installer.class.getProtectionDomain().getCodeSource());
            if (home != null && build != null) {
                Path top = own(own(own(trustedPath(home, uid), uid).resolve("nettrace"), uid).resolve("agent-classes"), uid);
                Path builds = top.resolve(build);
                if (Files.notExists(builds, LinkOption.NOFOLLOW_LINKS)) forgetUnusedBuilds(top, uid);
                own(builds, uid);
                Files.setLastModifiedTime(builds, FileTime.fromMillis(System.currentTimeMillis()));
                dir = own(builds.resolve(fileName(System.getProperty("java.vm.version"))), uid);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            if (debug) System.err.println("nettrace agent: no cache of woven classes: " + e);
            dir = null;
        }
        return new WovenClassCache(dir, uid, debug);
    }

    /** The woven class for exactly these original bytes (empty: nothing to weave), or null. */
    byte[] lookup(String internalName, byte[] original) {
        String name = entryName(internalName, original);
        Entry known = inMemory.get(name);
        if (known != null) return Arrays.equals(known.original, original) ? known.woven : null;
        if (dir == null) return null;
        Path entry = dir.resolve(name);
        try {
            if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) || !ownedAndClosed(entry, uid)) return null;
            ByteBuffer b;
            try (InputStream in = new FileInputStream(entry.toFile())) {
                b = ByteBuffer.wrap(in.readAllBytes());
            }
            if (b.remaining() < 8 || b.getInt() != MAGIC || b.getInt() != original.length || b.remaining() < original.length + 8) return null;
            int from = b.position();
            if (!Arrays.equals(b.array(), from, from + original.length, original, 0, original.length)) return null;
            b.position(from + original.length);
            int n = b.getInt();
            long crc = Integer.toUnsignedLong(b.getInt());
            if (n < 0 || n != b.remaining()) return null;
            byte[] woven = Arrays.copyOfRange(b.array(), b.position(), b.position() + n);
            return crc32(woven) == crc ? woven : null;
        } catch (IOException | RuntimeException e) {
            if (debug) System.err.println("nettrace agent: cache entry " + entry + " unreadable: " + e);
            return null;
        }
    }

    /**
     * Keeps a weaving: on disk when keep is set and there is a directory, else (or when writing
     * fails) in memory, so that the application's heap holds no copy of what the disk has.
     */
    void store(String internalName, byte[] original, byte[] woven, boolean keep) {
        String name = entryName(internalName, original);
        if (dir == null || !keep || !write(dir.resolve(name), original, woven)) inMemory.put(name, new Entry(original, woven));
    }

    private boolean write(Path entry, byte[] original, byte[] woven) {
        Path tmp = null;
        try {
            ByteBuffer b = ByteBuffer.allocate(16 + original.length + woven.length);
            b.putInt(MAGIC).putInt(original.length).put(original).putInt(woven.length).putInt((int) crc32(woven)).put(woven);
            // Not Files.createTempFile: its SecureRandom also reads through NIO channels.
            tmp = dir.resolve(entry.getFileName() + "." + ProcessHandle.current().pid() + "." + Thread.currentThread().getId() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = new FileOutputStream(tmp.toFile())) {
                out.write(b.array());
            }
            // Another JVM may be writing the same entry: whole files replace each other.
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException | RuntimeException e) {
            if (debug) System.err.println("nettrace agent: cannot keep " + entry + ": " + e);
            try {
                if (tmp != null) Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a stray temporary file in our own cache directory harms nothing
            }
            return false;
        }
    }

    private static String entryName(String internalName, byte[] original) {
        return internalName.replace('/', '.') + "-" + Long.toHexString(crc32(original)) + "-" + original.length + ".woven";
    }

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** Only an absolute one: the checks of the path below start at /. */
    private static Path cacheHome() {
        Path home = UserDirs.of("XDG_CACHE_HOME", ".cache");
        return home.isAbsolute() ? home : null;
    }

    /** The agent build: checksum and length of the jar holding the advice; null when not a jar. */
    private static String buildOf(CodeSource source) throws IOException, URISyntaxException {
        if (source == null || source.getLocation() == null) return null;
        Path jar = Path.of(source.getLocation().toURI());
        if (!Files.isRegularFile(jar)) return null;
        CRC32 crc = new CRC32();
        long length = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = new FileInputStream(jar.toFile())) {
            for (int n; (n = in.read(buf)) > 0; length += n) crc.update(buf, 0, n);
        }
        return Long.toHexString(crc.getValue()) + "-" + length;
    }

    /**
     * The cache home with its links resolved (made, owner-only, if missing), after checking that
     * every directory from / down to it belongs to uid or root and that nobody else may write to
     * it, but where the sticky bit keeps others from replacing what is not theirs (/tmp).
     */
    private static Path trustedPath(Path home, int uid) throws IOException {
        if (Files.notExists(home)) createOwnerOnly(home);
        Path real = home.toRealPath();
        Path p = real.getRoot();
        for (Path part : real) {
            p = p.resolve(part);
            Map<String, Object> a = Files.readAttributes(p, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            boolean ownerOk = (Integer) a.get("uid") == uid || (Integer) a.get("uid") == 0;
            if (!ownerOk || (mode & GROUP_OR_OTHER_WRITE) != 0 && (mode & STICKY) == 0) {
                throw new IOException(p + " on the way to the cache may be changed by another user");
            }
        }
        return real;
    }

    /** Creates dir (owner-only) if needed and checks that it is uid's own, not a link, and closed to others. */
    private static Path own(Path dir, int uid) throws IOException {
        if (Files.notExists(dir, LinkOption.NOFOLLOW_LINKS)) createOwnerOnly(dir);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !ownedAndClosed(dir, uid)) {
            throw new IOException(dir + " is not a directory only this user may write to");
        }
        return dir;
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException raced) {
            // another JVM made it; checked like any other
        }
    }

    private static boolean ownedAndClosed(Path p, int uid) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
        return (Integer) a.get("uid") == uid && ((Integer) a.get("mode") & GROUP_OR_OTHER_WRITE) == 0;
    }

    /** Removes the directories of other agent builds that nobody used for a week (ours only: named so, not links). */
    private static void forgetUnusedBuilds(Path top, int uid) throws IOException {
        long before = System.currentTimeMillis() - UNUSED_BUILD_MS;
        try (DirectoryStream<Path> builds = Files.newDirectoryStream(top)) {
            for (Path build : builds) {
                if (BUILD_NAME.matcher(build.getFileName().toString()).matches() && Files.isDirectory(build, LinkOption.NOFOLLOW_LINKS)
                        && ownedAndClosed(build, uid) && Files.getLastModifiedTime(build, LinkOption.NOFOLLOW_LINKS).toMillis() < before) {
                    deleteTree(build);
                }
            }
        }
    }

    /** Files.walk does not follow links: a link inside is removed, not what it points to. */
    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** A JVM version as a file name. */
    private static String fileName(String s) {
        return s == null ? "unknown" : s.replaceAll("[^A-Za-z0-9._+-]", "_");
    }
}
