package dev.nettrace.agent.core;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's one class file transformer: gives each hooked class its advice, from the
 * {@link WovenClassCache} when these very bytes were woven before, else from
 * {@link AdviceWeaver} (made, and Byte Buddy loaded, only when the cache lacks a class).
 *
 * It also remembers each hooked class's bytes as they were before the advice went in: detaching
 * redefines the classes with them, because on JDK 25 a retransformation without our transformer
 * still produced the advised class, so "retransform and let the JVM start from the original"
 * cannot be relied on.
 */
final class HookTransformer implements ClassFileTransformer {
    private static final Module JAVA_BASE = Object.class.getModule();
    private static final byte[] NO_HOOKS = {};

    private final Set<String> internalNames;
    private final Map<String, byte[]> original = new ConcurrentHashMap<>();
    /** Classes given their hooks (or found to have none to take). */
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final WovenClassCache cache;
    private final boolean debug;
    /** Set while this thread runs Byte Buddy: a hooked class it loads then is hooked afterwards. */
    private final ThreadLocal<Boolean> inWeaver = new ThreadLocal<>();
    private AdviceWeaver weaver; // guarded by this

    HookTransformer(Set<String> classNames, WovenClassCache cache, boolean debug) {
        this.internalNames = Set.copyOf(classNames.stream().map(n -> n.replace('.', '/')).toList());
        this.cache = cache;
        this.debug = debug;
    }

    /**
     * Weaves now every hooked class the JDK has, as it comes from the runtime image (the bytes a
     * class load hands the transformer), unless the cache has it already. Call it before
     * anything loads a hooked class: Byte Buddy then never runs inside a class load, where the
     * JVM would not show this transformer the classes Byte Buddy loads for itself (InetAddress,
     * for one), and a class the application loads later never waits for Byte Buddy.
     */
    void weaveAhead() {
        for (String name : internalNames) {
            byte[] bytes = imageBytes(name);
            if (bytes != null && cache.lookup(name, bytes) == null) weave(JAVA_BASE, null, name, null, null, bytes, true);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
        if (name == null || !internalNames.contains(name)) return null;
        boolean firstSight = original.putIfAbsent(name, bytes.clone()) == null;
        if (Boolean.TRUE.equals(inWeaver.get())) {
            // Byte Buddy needs the class loaded as it is; the hooks follow by retransformation.
            // Handing back a copy rather than null makes HotSpot keep these bytes for that
            // retransformation, instead of reconstituting bytes the cache would not know.
            return bytes.clone();
        }
        byte[] woven = cache.lookup(name, bytes);
        if (woven == null) {
            // A class loaded before this transformer came in is handed over as HotSpot
            // reconstitutes it, in a method order that differs from run to run: not worth a file.
            woven = weave(module, loader, name, redefined, pd, bytes, !(redefined != null && firstSight));
        } else if (debug && woven.length > 0) {
            System.err.println("nettrace agent: hooked " + name.replace('/', '.') + " from the cache");
        }
        if (woven == null) return null;
        done.add(name);
        return woven.length == 0 ? null : woven;
    }

    /** The class with its hooks in; empty when this JDK's class has no method we hook; null on failure. */
    private byte[] weave(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd, byte[] bytes, boolean keep) {
        byte[] woven;
        inWeaver.set(Boolean.TRUE);
        try {
            woven = weaver().weave(module, loader, name, redefined, pd, bytes);
        } catch (IllegalClassFormatException | RuntimeException | LinkageError e) {
            // The JVM would swallow it too; the class stays as it was, untraced.
            if (debug) System.err.println("nettrace agent: cannot hook " + name + ": " + e);
            return null;
        } finally {
            inWeaver.remove();
        }
        if (woven == null) woven = NO_HOOKS;
        cache.store(name, bytes, woven, keep);
        if (debug) System.err.println("nettrace agent: " + (woven.length > 0 ? "hooked " : "nothing to hook in ") + name.replace('/', '.') + " from Byte Buddy");
        return woven;
    }

    private synchronized AdviceWeaver weaver() {
        if (weaver == null) weaver = new AdviceWeaver(debug);
        return weaver;
    }

    private static byte[] imageBytes(String internalName) {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether c has its hooks in; false for a class loaded before us or by Byte Buddy itself. */
    boolean isHooked(Class<?> c) {
        return done.contains(c.getName().replace('.', '/'));
    }

    /** The class's bytes from before the advice, or null if it never came through here. */
    byte[] originalOf(Class<?> c) {
        return original.get(c.getName().replace('.', '/'));
    }
}
