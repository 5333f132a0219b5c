package dev.nettrace.agent.core;

import dev.nettrace.agent.boot.Recorder;
import dev.nettrace.wire.AgentArguments;
import java.io.IOException;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Puts the hooks into java.base (and takes them out again). Called through reflection by the
 * launcher, from the agent's own class loader.
 */
public final class Installer {
    private Installer() {}

    static final String CH = "sun.nio.ch.";

    /** Every class a hook goes into (AdviceWeaver's type matchers name the same classes). */
    static final Set<String> HOOKED = Set.of(CH + "SocketDispatcher", CH + "DatagramDispatcher", CH + "UnixDispatcher",
            CH + "NioSocketImpl", CH + "SocketChannelImpl", CH + "ServerSocketChannelImpl", CH + "UnixAsynchronousServerSocketChannelImpl",
            CH + "UnixAsynchronousSocketChannelImpl", CH + "DatagramChannelImpl", CH + "Net", "java.net.InetAddress");

    /** This JVM's transformer, made by the first session; guarded by Installer.class. */
    private static HookTransformer hooks;
    /** Whether a session has the transformer in; guarded by Installer.class. */
    private static boolean installed;
    private static final AtomicBoolean hookingLater = new AtomicBoolean();

    /** Connects to the collector and puts the hooks in; an IOException means no collector listens. */
    public static void install(String args, Instrumentation inst) throws Exception {
        AgentArguments options = AgentArguments.parse(args);
        if (!inst.isRetransformClassesSupported()) throw new IllegalStateException("this JVM cannot retransform classes");
        if (Recorder.isTracing()) throw new IllegalStateException("this JVM is already being traced by nettrace");
        openJavaBase(inst);
        HookTransformer t = transformer(options.debug(), inst);
        // The transformer goes in before the collector's socket opens, so that the socket classes
        // this loads come through it as loaded: a class retransformed later gives the transformer
        // the bytes HotSpot reconstitutes, whose method order varies from run to run, and the
        // cache of woven classes would rarely know them.
        inst.addTransformer(t, true);
        try {
            t.weaveAhead();
            Recorder.begin(options, () -> uninstall(inst));
        } catch (IOException | RuntimeException | LinkageError e) {
            undo(inst, t, e);
            throw e;
        }
        try {
            // Classes loaded since the transformer went in have their hooks already, but for
            // those that Byte Buddy loaded for itself; weaving a class loaded before may make it
            // load another, hence the second look.
            hookLoaded(inst, t);
            hookLoaded(inst, t);
            synchronized (Installer.class) {
                installed = true;
            }
        } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
            undo(inst, t, e);
            Recorder.abandon();
            throw e;
        }
        Recorder.go();
    }

    private static synchronized HookTransformer transformer(boolean debug, Instrumentation inst) {
        if (hooks == null) hooks = new HookTransformer(HOOKED, WovenClassCache.open(debug), debug, () -> hookLater(inst));
        return hooks;
    }

    /** Retransforms the hooked classes that are loaded but have no hooks yet. */
    private static void hookLoaded(Instrumentation inst, HookTransformer t) throws UnmodifiableClassException {
        List<Class<?>> loaded = loadedHookedClasses(inst);
        loaded.removeIf(t::isHooked);
        if (!loaded.isEmpty()) inst.retransformClasses(loaded.toArray(Class<?>[]::new));
    }

    /**
     * A class loaded without its hooks while the session runs (see HookTransformer) gets them
     * from a short-lived thread once its load is over: retransformed from outside any class load.
     */
    private static void hookLater(Instrumentation inst) {
        if (!hookingLater.compareAndSet(false, true)) return;
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < 50 && hooks.hasPending(); i++) {
                    Thread.sleep(20);
                    synchronized (Installer.class) {
                        if (installed) hookLoaded(inst, hooks);
                    }
                }
            } catch (InterruptedException | UnmodifiableClassException | RuntimeException | LinkageError e) {
                // the classes stay untraced, as they would have without this second try
            } finally {
                hookingLater.set(false);
            }
        }, "nettrace-agent-hooks");
        t.setDaemon(true);
        t.start();
    }

    /** Runs on the shipping thread once recording stopped. */
    private static synchronized void uninstall(Instrumentation inst) {
        if (!installed) return;
        installed = false;
        takeOut(inst, hooks);
    }

    /** A failed start leaves no hook behind (the classes its own socket loaded got theirs). */
    private static void undo(Instrumentation inst, HookTransformer t, Throwable failure) {
        try {
            takeOut(inst, t);
        } catch (RuntimeException | LinkageError e) {
            failure.addSuppressed(e);
        }
    }

    /** Removes the transformer and redefines the classes it hooked with their original bytes. */
    private static void takeOut(Instrumentation inst, HookTransformer t) {
        boolean removed = inst.removeTransformer(t);
        List<ClassDefinition> restore = new ArrayList<>();
        for (Class<?> c : loadedHookedClasses(inst)) {
            byte[] bytes = t.isHooked(c) ? t.originalOf(c) : null;
            if (bytes != null) restore.add(new ClassDefinition(c, bytes));
        }
        try {
            // Nothing to redefine when a daemon-mode attempt found no daemon: no safepoint for it.
            if (!restore.isEmpty()) inst.redefineClasses(restore.toArray(ClassDefinition[]::new));
        } catch (ClassNotFoundException | UnmodifiableClassException e) {
            throw new IllegalStateException(e);
        } finally {
            t.unhooked();
        }
        if (t.debug()) System.err.println("nettrace agent: transformer removed: " + removed + ", restored " + restore.size() + " classes");
    }

    private static List<Class<?>> loadedHookedClasses(Instrumentation inst) {
        List<Class<?>> hooked = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (HOOKED.contains(c.getName())) hooked.add(c);
        }
        return hooked;
    }

    /**
     * Inlined advice runs as java.base code: java.base must read the unnamed module of the
     * bootstrap class path (where Recorder is), and Recorder reads a few private fields.
     */
    private static void openJavaBase(Instrumentation inst) {
        Module base = Object.class.getModule();
        Module recorder = Recorder.class.getModule();
        Set<Module> to = Set.of(recorder);
        inst.redefineModule(base, to, Map.of(), Map.of("java.io", to, "java.net", to, "sun.nio.ch", to), Set.of(), Map.of());
    }
}
