package dev.nettrace.agent.core;

import dev.nettrace.agent.boot.Recorder;
import java.io.FileDescriptor;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.bytebuddy.asm.Advice;

/**
 * SocketDispatcher and DatagramDispatcher read/readv/write/writev(FileDescriptor, long, int):
 * every byte a socket moves through Socket, SocketChannel, connected DatagramChannel or an
 * asynchronous channel passes here. What the call is (send or receive, stream or datagram) is
 * bound per hooked method as a constant (see AdviceWeaver), so that the hottest hook decides
 * nothing at run time.
 */
final class DispatcherAdvice {
    private DispatcherAdvice() {}

    /** Recorder.SEND or Recorder.RECV. */
    @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.PARAMETER)
    @interface Op {}

    /** Recorder.STREAM or Recorder.DGRAM. */
    @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.PARAMETER)
    @interface SockType {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
        return Recorder.start();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter long t0, @Op int op, @SockType int sockType,
                     @Advice.Argument(0) FileDescriptor fd, @Advice.Return long n, @Advice.Thrown Throwable thrown) {
        if (t0 != 0) Recorder.transfer(op, sockType, fd, n, t0, thrown);
    }
}
