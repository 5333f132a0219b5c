package dev.nettrace.agent.core;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.nettrace.agent.boot.Recorder;
import dev.nettrace.wire.AgentArguments;
import java.io.FileDescriptor;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Puts the hooks into java.base (and takes them out again). Called through reflection by the
 * launcher, from the agent's own class loader.
 */
public final class Installer {
    private Installer() {}

    private static final String CH = "sun.nio.ch.";

    /** Every class a hook goes into (the type matchers below name the same classes). */
    private static final Set<String> HOOKED = Set.of(CH + "SocketDispatcher", CH + "DatagramDispatcher", CH + "UnixDispatcher",
            CH + "NioSocketImpl", CH + "SocketChannelImpl", CH + "ServerSocketChannelImpl", CH + "UnixAsynchronousServerSocketChannelImpl",
            CH + "UnixAsynchronousSocketChannelImpl", CH + "DatagramChannelImpl", CH + "Net", "java.net.InetAddress");

    /** The transformer of the running session, null when none; guarded by Installer.class. */
    private static ResettableClassFileTransformer installed;
    private static OriginalBytes originals;
    private static boolean debug;

    /** Connects to the collector and puts the hooks in; an IOException means no collector listens. */
    public static void install(String args, Instrumentation inst) throws Exception {
        AgentArguments options = AgentArguments.parse(args);
        if (!inst.isRetransformClassesSupported()) throw new IllegalStateException("this JVM cannot retransform classes");
        openJavaBase(inst);
        debug = options.debug();
        Recorder.begin(options, () -> uninstall(inst));
        OriginalBytes before = new OriginalBytes(HOOKED);
        try {
            inst.addTransformer(before, true);
            ResettableClassFileTransformer t = hooks(options.debug()).installOn(inst);
            synchronized (Installer.class) {
                installed = t;
                originals = before;
            }
        } catch (RuntimeException | LinkageError e) {
            inst.removeTransformer(before);
            Recorder.abandon();
            throw e;
        }
        Recorder.go();
    }

    /**
     * Runs on the shipping thread once recording stopped: removes the transformer and
     * retransforms the hooked classes back to their original bytes.
     */
    private static synchronized void uninstall(Instrumentation inst) {
        if (installed == null) return;
        boolean removed = inst.removeTransformer(installed);
        inst.removeTransformer(originals);
        installed = null;
        List<ClassDefinition> restore = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            byte[] bytes = HOOKED.contains(c.getName()) ? originals.of(c) : null;
            if (bytes != null) restore.add(new ClassDefinition(c, bytes));
        }
        try {
            inst.redefineClasses(restore.toArray(ClassDefinition[]::new));
        } catch (ClassNotFoundException | UnmodifiableClassException e) {
            throw new IllegalStateException(e);
        }
        if (debug) System.err.println("nettrace agent: transformer removed: " + removed + ", restored " + restore.size() + " classes");
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

    /**
     * Byte Buddy's "safe" mode keeps it from probing sun.misc.Unsafe, which JDK 24+ reports on the
     * application's stderr; we never inject classes, so we need none of it. (The shade plugin
     * relocates this name together with Byte Buddy's own constant.)
     */
    private static final String SAFE_MODE = "net.bytebuddy.safe";

    private static AgentBuilder hooks(boolean debug) {
        String before = System.setProperty(SAFE_MODE, "true");
        try {
            return configure(new AgentBuilder.Default(), debug);
        } finally {
            if (before == null) System.clearProperty(SAFE_MODE);
            else System.setProperty(SAFE_MODE, before);
        }
    }

    private static AgentBuilder configure(AgentBuilder builder, boolean debug) {
        AgentBuilder b = builder
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE_FROZEN)
                .with(AgentBuilder.InjectionStrategy.Disabled.INSTANCE)
                .ignore(not(namedOneOf(HOOKED.toArray(String[]::new))));
        if (debug) b = b.with(AgentBuilder.Listener.StreamWriting.toSystemError().withErrorsOnly());
        return b
                .type(namedOneOf(CH + "SocketDispatcher", CH + "DatagramDispatcher"))
                .transform(advice(DispatcherAdvice.class, namedOneOf("read", "readv", "write", "writev")
                        .and(takesArguments(FileDescriptor.class, long.class, int.class))))
                .type(namedOneOf(CH + "SocketDispatcher", CH + "DatagramDispatcher", CH + "UnixDispatcher"))
                .transform(advice(CloseAdvice.class, named("close").and(takesArguments(FileDescriptor.class))))
                .type(named(CH + "NioSocketImpl"))
                .transform(advice(ConnectAdvice.SocketImpl.class, named("connect").and(takesArguments(SocketAddress.class, int.class))))
                .transform(advice(AcceptAdvice.SocketImpl.class, named("accept").and(takesArguments(SocketImpl.class))))
                .transform(advice(BindListenAdvice.SocketImpl.class, named("listen").and(takesArguments(int.class))))
                .transform(advice(OptionAdvice.Timeout.class, named("setOption").and(takesArguments(int.class, Object.class))))
                .type(named(CH + "SocketChannelImpl"))
                .transform(advice(ConnectAdvice.Channel.class, named("connect").and(takesArguments(SocketAddress.class))))
                .transform(advice(ConnectAdvice.Finish.class, named("finishConnect").and(takesArguments(0))))
                .transform(advice(ConnectAdvice.Blocking.class, named("blockingConnect").and(takesArguments(SocketAddress.class, long.class))))
                .type(named(CH + "ServerSocketChannelImpl"))
                .transform(advice(AcceptAdvice.Channel.class, named("finishAccept").and(takesArguments(FileDescriptor.class, SocketAddress.class))))
                .transform(advice(BindListenAdvice.Channel.class, named("netBind").and(takesArguments(SocketAddress.class, int.class))))
                .type(named(CH + "UnixAsynchronousServerSocketChannelImpl"))
                .transform(advice(AcceptAdvice.Channel.class, named("finishAccept").and(takesArgument(0, FileDescriptor.class))))
                .type(named(CH + "UnixAsynchronousSocketChannelImpl"))
                .transform(advice(ConnectAdvice.Async.class, named("implConnect")))
                .transform(advice(ConnectAdvice.AsyncFinish.class, named("finishConnect").and(takesArguments(boolean.class))))
                .type(named(CH + "DatagramChannelImpl"))
                .transform(advice(ConnectAdvice.Datagram.class, named("connect").and(takesArguments(SocketAddress.class))))
                .transform(advice(DatagramAdvice.Send.class, named("send").and(takesArguments(FileDescriptor.class, ByteBuffer.class, java.net.InetSocketAddress.class))))
                .transform(advice(DatagramAdvice.Receive.class, named("receive").and(takesArguments(ByteBuffer.class, boolean.class))))
                .type(named(CH + "Net"))
                .transform(advice(BindListenAdvice.Bind.class, named("bind").and(takesArguments(ProtocolFamily.class, FileDescriptor.class, InetAddress.class, int.class))))
                .transform(advice(OptionAdvice.Kernel.class, named("setSocketOption").and(takesArguments(4))))
                .type(named("java.net.InetAddress"))
                .transform(advice(DnsAdvice.class, named("getAllByName").and(takesArguments(String.class))));
    }

    private static AgentBuilder.Transformer advice(Class<?> adviceClass, ElementMatcher<? super MethodDescription> methods) {
        return (builder, type, loader, module, domain) -> builder.visit(Advice.to(adviceClass).on(methods));
    }
}
