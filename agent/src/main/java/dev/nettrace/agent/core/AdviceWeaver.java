package dev.nettrace.agent.core;

import static dev.nettrace.agent.core.Installer.CH;
import static dev.nettrace.agent.core.Installer.HOOKED;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.nettrace.agent.boot.Recorder;
import java.io.FileDescriptor;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.nio.ByteBuffer;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Weaves the advice into a hooked class's bytes with Byte Buddy. Only this class names Byte
 * Buddy, so a JVM whose hooked classes are all in the {@link WovenClassCache} never loads it.
 */
final class AdviceWeaver {
    private final ClassFileTransformer byteBuddy;

    AdviceWeaver(boolean debug) {
        byteBuddy = hooks(debug).makeRaw();
    }

    /** The class with the advice in, or null when none of its methods is hooked. */
    byte[] weave(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd, byte[] bytes)
            throws IllegalClassFormatException {
        return byteBuddy.transform(module, loader, name, redefined, pd, bytes);
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
                .type(named(CH + "SocketDispatcher"))
                .transform(dispatcher(Recorder.STREAM))
                .type(named(CH + "DatagramDispatcher"))
                .transform(dispatcher(Recorder.DGRAM))
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

    /** The read and write methods of a dispatcher, with what they are bound as constants. */
    private static AgentBuilder.Transformer dispatcher(int sockType) {
        return (builder, type, loader, module, domain) -> builder
                .visit(dispatcherAdvice(Recorder.RECV, sockType).on(namedOneOf("read", "readv").and(takesArguments(FileDescriptor.class, long.class, int.class))))
                .visit(dispatcherAdvice(Recorder.SEND, sockType).on(namedOneOf("write", "writev").and(takesArguments(FileDescriptor.class, long.class, int.class))));
    }

    private static Advice dispatcherAdvice(int op, int sockType) {
        return Advice.withCustomMapping().bind(DispatcherAdvice.Op.class, op).bind(DispatcherAdvice.SockType.class, sockType).to(DispatcherAdvice.class);
    }

    private static AgentBuilder.Transformer advice(Class<?> adviceClass, ElementMatcher<? super MethodDescription> methods) {
        return (builder, type, loader, module, domain) -> builder.visit(Advice.to(adviceClass).on(methods));
    }
}
