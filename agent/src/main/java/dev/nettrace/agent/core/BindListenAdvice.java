package dev.nettrace.agent.core;

import dev.nettrace.agent.boot.Recorder;
import java.io.FileDescriptor;
import java.net.InetAddress;
import net.bytebuddy.asm.Advice;

/** bind and listen. */
final class BindListenAdvice {
    private BindListenAdvice() {}

    /** Net.bind(ProtocolFamily, FileDescriptor, InetAddress, int): every inet bind, explicit or implicit. */
    static final class Bind {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.start();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.Argument(1) FileDescriptor fd, @Advice.Argument(2) InetAddress address,
                         @Advice.Argument(3) int port, @Advice.Thrown Throwable thrown) {
            if (t0 != 0) Recorder.bind(fd, address, port, t0, thrown);
        }
    }

    /** NioSocketImpl.listen(int): ServerSocket (which passes 50 for a backlog below 1). */
    static final class SocketImpl {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.start();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.FieldValue("fd") FileDescriptor fd, @Advice.Argument(0) int backlog,
                         @Advice.Thrown Throwable thrown) {
            if (t0 != 0) Recorder.listen(Recorder.fd(fd), backlog < 1 ? 50 : backlog, t0, thrown);
        }
    }

    /**
     * ServerSocketChannelImpl.netBind(SocketAddress, int) binds, then listens (a native call we
     * cannot hook): recorded on success as a call starting at the end of netBind, so that it
     * follows the bind's own event (a failure there is the bind's, which has its event).
     */
    static final class Channel {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fdVal") int fd, @Advice.Argument(1) int backlog, @Advice.Thrown Throwable thrown) {
            long now = Recorder.start();
            if (now != 0 && thrown == null) Recorder.listen(fd, backlog < 1 ? 50 : backlog, now, null);
        }
    }
}
