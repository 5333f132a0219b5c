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

    /** The transformer of the running session, null when none; guarded by Installer.class. */
    private static HookTransformer installed;
    private static boolean debug;

    /** Connects to the collector and puts the hooks in; an IOException means no collector listens. */
    public static void install(String args, Instrumentation inst) throws Exception {
        AgentArguments options = AgentArguments.parse(args);
        if (!inst.isRetransformClassesSupported()) throw new IllegalStateException("this JVM cannot retransform classes");
        openJavaBase(inst);
        debug = options.debug();
        // The transformer goes in before the collector's socket opens, so that the socket classes
        // this loads come through it as loaded: a class retransformed later gives the transformer
        // the bytes HotSpot reconstitutes, whose method order varies from run to run, and the
        // cache of woven classes would rarely know them.
        HookTransformer hooks = new HookTransformer(HOOKED, WovenClassCache.open(debug), debug);
        inst.addTransformer(hooks, true);
        try {
            hooks.weaveAhead();
            Recorder.begin(options, () -> uninstall(inst));
        } catch (IOException | RuntimeException | LinkageError e) {
            inst.removeTransformer(hooks);
            throw e;
        }
        try {
            // Classes loaded since the transformer went in have their hooks already, but for
            // those that Byte Buddy loaded for itself; weaving a class loaded before may make it
            // load another, hence the second look.
            for (int pass = 0; pass < 2; pass++) {
                List<Class<?>> loaded = loadedHookedClasses(inst);
                loaded.removeIf(hooks::isHooked);
                if (!loaded.isEmpty()) inst.retransformClasses(loaded.toArray(Class<?>[]::new));
            }
            synchronized (Installer.class) {
                installed = hooks;
            }
        } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
            inst.removeTransformer(hooks);
            Recorder.abandon();
            throw e;
        }
        Recorder.go();
    }

    /**
     * Runs on the shipping thread once recording stopped: removes the transformer and
     * redefines the hooked classes with their original bytes.
     */
    private static synchronized void uninstall(Instrumentation inst) {
        if (installed == null) return;
        boolean removed = inst.removeTransformer(installed);
        List<ClassDefinition> restore = new ArrayList<>();
        for (Class<?> c : loadedHookedClasses(inst)) {
            byte[] bytes = installed.originalOf(c);
            if (bytes != null) restore.add(new ClassDefinition(c, bytes));
        }
        installed = null;
        try {
            inst.redefineClasses(restore.toArray(ClassDefinition[]::new));
        } catch (ClassNotFoundException | UnmodifiableClassException e) {
            throw new IllegalStateException(e);
        }
        if (debug) System.err.println("nettrace agent: transformer removed: " + removed + ", restored " + restore.size() + " classes");
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
