package dev.nettrace.agent.core;

import dev.nettrace.agent.boot.Recorder;
import java.io.FileDescriptor;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/** accept: the listening descriptor, the new one and the peer. */
final class AcceptAdvice {
    private AcceptAdvice() {}

    /** NioSocketImpl.accept(SocketImpl): java.net.ServerSocket; the peer is written into the argument. */
    static final class SocketImpl {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.start();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.FieldValue("fd") FileDescriptor listener, @Advice.Argument(0) Object accepted,
                         @Advice.Thrown Throwable thrown) {
            if (t0 != 0) Recorder.acceptInto(Recorder.fd(listener), accepted, t0, thrown);
        }
    }

    /**
     * ServerSocketChannelImpl.finishAccept(FileDescriptor, SocketAddress) and the asynchronous
     * server's finishAccept(FileDescriptor, InetSocketAddress, ...): after the accept syscall
     * succeeded, on every path (accept(), the socket adaptor, virtual threads).
     */
    static final class Channel {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.start();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.FieldValue("fd") FileDescriptor listener, @Advice.Argument(0) FileDescriptor accepted,
                         @Advice.Argument(1) SocketAddress remote, @Advice.Thrown Throwable thrown) {
            if (t0 != 0) Recorder.accept(Recorder.fd(listener), accepted, remote, t0, thrown);
        }
    }
}
