package dev.nettrace.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/**
 * Premain-Class and Agent-Class of nettrace-agent.jar. The jar nests two jars: the few classes
 * that hooked JDK code calls (appended to the bootstrap class path, once per JVM) and the
 * installer with its relocated Byte Buddy (in a class loader of its own, so nothing of it is
 * visible to the application). A failure never reaches the application: premain reports it in
 * one line and lets the program run untraced; agentmain also tells the waiting collector.
 */
public final class AgentLauncher {
    private AgentLauncher() {}

    static final String BOOT_JAR = "nettrace-agent-boot.jar";
    static final String CORE_JAR = "nettrace-agent-core.jar";
    private static final String RECORDER = "dev.nettrace.agent.boot.Recorder";

    private static ClassLoader coreLoader;

    public static void premain(String args, Instrumentation inst) {
        launch(args, inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        launch(args, inst);
    }

    private static synchronized void launch(String args, Instrumentation inst) {
        try {
            ensureBootClasses(inst);
            if (coreLoader == null) coreLoader = new URLClassLoader(new URL[] {unpack(CORE_JAR).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            coreLoader.loadClass("dev.nettrace.agent.core.Installer")
                    .getMethod("install", String.class, Instrumentation.class).invoke(null, args, inst);
        } catch (InvocationTargetException e) {
            refuse(args, e.getCause());
        } catch (Exception | LinkageError e) {
            refuse(args, e);
        }
    }

    private static void ensureBootClasses(Instrumentation inst) throws IOException {
        try {
            Class.forName(RECORDER, false, null);
        } catch (ClassNotFoundException notYet) {
            inst.appendToBootstrapClassLoaderSearch(new JarFile(unpack(BOOT_JAR).toFile()));
        }
    }

    private static Path unpack(String name) throws IOException {
        try (InputStream in = AgentLauncher.class.getResourceAsStream("/" + name)) {
            if (in == null) throw new IOException(name + " is missing from the agent jar");
            Path p = Files.createTempFile(name.replace(".jar", "-"), ".jar");
            p.toFile().deleteOnExit();
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
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
