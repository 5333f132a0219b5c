package dev.nettrace.agent.core;

import dev.nettrace.agent.boot.Recorder;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * DatagramChannelImpl's private send(FileDescriptor, ByteBuffer, InetSocketAddress) and
 * receive(ByteBuffer, boolean): the addressed paths of DatagramChannel, DatagramSocket and
 * MulticastSocket (both adaptors over the channel since JDK 15). Connected read/write go
 * through DatagramDispatcher instead.
 */
final class DatagramAdvice {
    private DatagramAdvice() {}

    static final class Send {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.start();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.FieldValue("fdVal") int fd, @Advice.Argument(2) SocketAddress target,
                         @Advice.Return int n, @Advice.Thrown Throwable thrown) {
            if (t0 != 0) Recorder.datagram(Recorder.SEND, fd, target, n, t0, thrown);
        }
    }

    static final class Receive {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.start();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.FieldValue("sourceSockAddr") Object sender, @Advice.FieldValue("fdVal") int fd,
                         @Advice.Argument(1) boolean connected, @Advice.FieldValue("remoteAddress") SocketAddress peer,
                         @Advice.Return int n, @Advice.Thrown Throwable thrown) {
            if (t0 != 0) Recorder.received(sender, fd, connected, peer, n, t0, thrown);
        }
    }
}
