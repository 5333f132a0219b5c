package dev.nettrace.agent;

import dev.nettrace.wire.AgentArguments;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarFile;

/**
 * Premain-Class and Agent-Class of nettrace-agent.jar. The jar nests two jars: the few classes
 * that hooked JDK code calls (appended to the bootstrap class path, once per JVM) and the
 * installer with its relocated Byte Buddy (in a class loader of its own, so nothing of it is
 * visible to the application). A failure never reaches the application: premain reports it in
 * one line and lets the program run untraced; agentmain also tells the waiting collector.
 * In daemon mode nothing is unpacked or loaded until a daemon listens (see {@link DaemonWatch}).
 */
public final class AgentLauncher {
    private AgentLauncher() {}

    static final String BOOT_JAR = "nettrace-agent-boot.jar";
    static final String CORE_JAR = "nettrace-agent-core.jar";
    private static final String RECORDER = "dev.nettrace.agent.boot.Recorder";

    private static ClassLoader coreLoader;

    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
    }

    private static void start(String args, Instrumentation inst) {
        AgentArguments parsed;
        try {
            parsed = AgentArguments.parse(args);
        } catch (RuntimeException e) {
            refuse(args, e);
            return;
        }
        if (parsed.daemon()) DaemonWatch.start(parsed.socket(), args, inst);
        else launch(args, inst, false);
    }

    /** How an attempt to start tracing ended. */
    enum Outcome { STARTED, NO_COLLECTOR, FAILED }

    /** noCollectorIsFine: a collector that is not listening is no error, only a reason to try later. */
    static synchronized Outcome launch(String args, Instrumentation inst, boolean noCollectorIsFine) {
        Throwable failure;
        try {
            ensureBootClasses(inst);
            if (coreLoader == null) coreLoader = new URLClassLoader(new URL[] {unpack(CORE_JAR).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            coreLoader.loadClass("dev.nettrace.agent.core.Installer")
                    .getMethod("install", String.class, Instrumentation.class).invoke(null, args, inst);
            return Outcome.STARTED;
        } catch (InvocationTargetException e) {
            failure = e.getCause();
        } catch (Exception | LinkageError e) {
            failure = e;
        }
        if (noCollectorIsFine && failure instanceof IOException) return Outcome.NO_COLLECTOR;
        refuse(args, failure);
        return Outcome.FAILED;
    }

    /** Calls a public static method of the bootstrap Recorder; null before its classes are there. */
    static Object recorder(String method) throws ReflectiveOperationException {
        Class<?> r;
        try {
            r = Class.forName(RECORDER, true, null);
        } catch (ClassNotFoundException notYetLoaded) {
            return null;
        }
        return r.getMethod(method).invoke(null);
    }

    private static void ensureBootClasses(Instrumentation inst) throws IOException {
        try {
            Class.forName(RECORDER, false, null);
        } catch (ClassNotFoundException notYet) {
            inst.appendToBootstrapClassLoaderSearch(new JarFile(unpack(BOOT_JAR).toFile()));
        }
    }

    /**
     * Copies a nested jar to a file of its own. No Files.createTempFile and no NIO streams: its
     * SecureRandom reads the security properties through NIO channel streams, which on JDK 25
     * load SocketChannelImpl before the hooks' transformer is in (see core.HookTransformer).
     */
    private static Path unpack(String name) throws IOException {
        try (InputStream in = AgentLauncher.class.getResourceAsStream("/" + name)) {
            if (in == null) throw new IOException(name + " is missing from the agent jar");
            Path dir = Path.of(System.getProperty("java.io.tmpdir"));
            String prefix = name.replace(".jar", "-") + ProcessHandle.current().pid() + "-";
            // Owner-only and created exclusively (no link followed): the boot jar's classes join java.base.
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            Path p = null;
            for (long n = System.nanoTime(); p == null; n++) {
                try {
                    p = Files.createFile(dir.resolve(prefix + Long.toHexString(n) + ".jar"), ownerOnly);
                } catch (FileAlreadyExistsException taken) {
                    // try the next name
                }
            }
            p.toFile().deleteOnExit();
            try (OutputStream out = new FileOutputStream(p.toFile())) {
                in.transferTo(out);
            }
            return p;
        }
    }

    private static void refuse(String args, Throwable why) {
        String line = "nettrace agent not started: " + (why.getMessage() != null ? why.getMessage() : why.toString());
        System.err.println(line);
        try {
            Class.forName(RECORDER, true, null).getMethod("refuse", String.class, String.class).invoke(null, args, line);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException ignored) {
            // no bootstrap classes or no collector: the line above is all we can do
        }
    }
}
