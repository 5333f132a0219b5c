package dev.nettrace.agent.core;

import dev.nettrace.agent.boot.Recorder;
import java.io.FileDescriptor;
import net.bytebuddy.asm.Advice;

/**
 * SocketDispatcher and DatagramDispatcher read/readv/write/writev(FileDescriptor, long, int):
 * every byte a socket moves through Socket, SocketChannel, connected DatagramChannel or an
 * asynchronous channel passes here.
 */
final class DispatcherAdvice {
    private DispatcherAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
        return Recorder.start();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter long t0, @Advice.Origin("#m") String method, @Advice.Origin("#t") String type,
                     @Advice.Argument(0) FileDescriptor fd, @Advice.Return long n, @Advice.Thrown Throwable thrown) {
        if (t0 != 0) {
            Recorder.transfer(method.startsWith("read") ? Recorder.RECV : Recorder.SEND,
                    type.endsWith("DatagramDispatcher") ? Recorder.DGRAM : Recorder.STREAM, fd, n, t0, thrown);
        }
    }
}
