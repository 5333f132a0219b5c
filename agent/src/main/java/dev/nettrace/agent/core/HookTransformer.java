package dev.nettrace.agent.core;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The agent's one class file transformer: gives each hooked class its advice, from the
 * {@link WovenClassCache} when these very bytes were woven before, else from
 * {@link AdviceWeaver} (made, and Byte Buddy loaded, only when the cache lacks a class). One per
 * JVM, kept across sessions, so that what it wove serves every later one.
 *
 * It also remembers each hooked class's bytes as they were before the advice went in: detaching
 * redefines the classes with them, because on JDK 25 a retransformation without our transformer
 * still produced the advised class, so "retransform and let the JVM start from the original"
 * cannot be relied on.
 *
 * A class it could not hook while being loaded (Byte Buddy busy on another thread, or loaded by
 * Byte Buddy itself) is handed to {@code later}, which retransforms it once the load is over.
 */
final class HookTransformer implements ClassFileTransformer {
    private static final Module JAVA_BASE = Object.class.getModule();
    private static final byte[] NO_HOOKS = {};

    private final Set<String> internalNames;
    private final Map<String, byte[]> original = new ConcurrentHashMap<>();
    /** Classes given their hooks (or found to have none to take) in the current session. */
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    /** Classes loaded without hooks that {@code later} is to retransform. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final WovenClassCache cache;
    private final boolean debug;
    private final Runnable later;
    /** Set while this thread runs Byte Buddy: a hooked class it loads then is hooked afterwards. */
    private final ThreadLocal<Boolean> inWeaver = new ThreadLocal<>();
    private final ReentrantLock making = new ReentrantLock();
    private volatile AdviceWeaver weaver;
    private boolean wovenAhead; // only the installing thread (under AgentLauncher's lock) reads and writes it

    HookTransformer(Set<String> classNames, WovenClassCache cache, boolean debug, Runnable later) {
        this.internalNames = Set.copyOf(classNames.stream().map(n -> n.replace('.', '/')).toList());
        this.cache = cache;
        this.debug = debug;
        this.later = later;
    }

    /**
     * Weaves now every hooked class the JDK has, as it comes from the runtime image (the bytes a
     * class load hands the transformer), unless the cache has it already. Called before anything
     * loads a hooked class: then Byte Buddy does not run inside a class load, where the JVM would
     * not show this transformer the classes Byte Buddy loads for itself (InetAddress, for one),
     * and a class the application loads later does not wait for Byte Buddy.
     */
    void weaveAhead() {
        if (wovenAhead) return; // the runtime image does not change while the JVM runs
        for (String name : internalNames) {
            byte[] bytes = imageBytes(name);
            if (bytes != null && cache.lookup(name, bytes) == null) weave(weaver(true), JAVA_BASE, null, name, null, null, bytes, true);
        }
        wovenAhead = true;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
        if (name == null || !internalNames.contains(name)) return null;
        boolean loading = redefined == null;
        original.putIfAbsent(name, bytes.clone());
        // Handing back a copy rather than null when the class loads as it is makes HotSpot keep
        // these bytes for a later retransformation, instead of reconstituting bytes (in a method
        // order that changes from run to run) that the cache would not know.
        byte[] asItIs = loading ? bytes.clone() : null;
        if (Boolean.TRUE.equals(inWeaver.get())) return asItIs; // Byte Buddy needs it loaded: hooked afterwards
        byte[] woven = cache.lookup(name, bytes);
        if (woven == null) {
            AdviceWeaver w = weaver(!loading);
            if (w == null) {
                // Another thread is making the weaver and may be waiting for this very class.
                postpone(name);
                return asItIs;
            }
            // Bytes other than the runtime image's (reconstituted, or another agent's) are woven
            // for this session only: nobody would ask for them again.
            woven = weave(w, module, loader, name, redefined, pd, bytes, Arrays.equals(bytes, imageBytes(name)));
            if (loading) {
                // Byte Buddy ran inside a class load (see weaveAhead): what it loaded was not shown to us.
                for (String other : internalNames) if (!done.contains(other)) postpone(other);
            }
        } else if (debug && woven.length > 0) {
            System.err.println("nettrace agent: hooked " + name.replace('/', '.') + " from the cache");
        }
        pending.remove(name);
        if (woven == null) return null;
        done.add(name);
        return woven.length > 0 ? woven : asItIs;
    }

    private void postpone(String name) {
        pending.add(name);
        later.run();
    }

    boolean debug() {
        return debug;
    }

    /** Whether a class waits for {@code later}. */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The class with its hooks in; empty when this JDK's class has no method we hook; null on failure. */
    private byte[] weave(AdviceWeaver w, Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd,
                         byte[] bytes, boolean keep) {
        byte[] woven;
        inWeaver.set(Boolean.TRUE);
        try {
            woven = w.weave(module, loader, name, redefined, pd, bytes);
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

    /**
     * The weaver, made on first use. mayWait is false inside a class load: the thread making the
     * weaver loads classes, and could be waiting for the one this thread is loading.
     */
    private AdviceWeaver weaver(boolean mayWait) {
        AdviceWeaver w = weaver;
        if (w != null) return w;
        if (mayWait) making.lock();
        else if (!making.tryLock()) return null;
        try {
            if (weaver == null) {
                inWeaver.set(Boolean.TRUE);
                try {
                    weaver = new AdviceWeaver(debug);
                } finally {
                    inWeaver.remove();
                }
            }
            return weaver;
        } finally {
            making.unlock();
        }
    }

    private static byte[] imageBytes(String internalName) {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether c has its hooks in (this session); false for a class loaded before us or by Byte Buddy itself. */
    boolean isHooked(Class<?> c) {
        return done.contains(c.getName().replace('.', '/'));
    }

    /** The classes have their original bytes back: a next session hooks them anew. */
    void unhooked() {
        done.clear();
        pending.clear();
    }

    /** The class's bytes from before the advice, or null if it never came through here. */
    byte[] originalOf(Class<?> c) {
        return original.get(c.getName().replace('.', '/'));
    }
}
