package dev.nettrace.agent.core;

import dev.nettrace.agent.boot.Recorder;
import java.io.FileDescriptor;
import net.bytebuddy.asm.Advice;

/** Socket options. */
final class OptionAdvice {
    private OptionAdvice() {}

    /** Net.setSocketOption(FileDescriptor, ProtocolFamily, SocketOption, Object): every kernel option of every API. */
    static final class Kernel {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.start();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.Argument(0) FileDescriptor fd, @Advice.Argument(2) Object option,
                         @Advice.Argument(3) Object value, @Advice.Thrown Throwable thrown) {
            if (t0 != 0) Recorder.setOption(Recorder.fd(fd), option, value, t0, thrown);
        }
    }

    /** NioSocketImpl.setOption(int, Object) with SocketOptions.SO_TIMEOUT: Java-side only, no syscall. */
    static final class Timeout {
        static final int SO_TIMEOUT = 0x1006;

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.Argument(0) int option) {
            return option == SO_TIMEOUT ? Recorder.start() : 0;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.FieldValue("fd") FileDescriptor fd, @Advice.Argument(1) Object value,
                         @Advice.Thrown Throwable thrown) {
            if (t0 != 0) Recorder.setOption(Recorder.fd(fd), "SO_TIMEOUT", value, t0, thrown);
        }
    }
}
