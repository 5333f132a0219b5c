package dev.nettrace.agent.core;

import dev.nettrace.agent.boot.Recorder;
import java.io.FileDescriptor;
import net.bytebuddy.asm.Advice;

/** NativeDispatcher.close(FileDescriptor) of sockets: every close path ends here. */
final class CloseAdvice {
    private CloseAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.Argument(0) FileDescriptor fd, @Advice.Local("fd") int fdNum) {
        long t0 = Recorder.start();
        fdNum = t0 == 0 ? -1 : Recorder.fd(fd); // the close clears the descriptor's number
        return t0;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter long t0, @Advice.Local("fd") int fdNum, @Advice.Thrown Throwable thrown) {
        if (t0 != 0) Recorder.close(fdNum, t0, thrown);
    }
}
