package dev.nettrace.agent.core;

import dev.nettrace.agent.boot.Recorder;
import java.io.FileDescriptor;
import java.net.SocketAddress;
import net.bytebuddy.asm.Advice;

/**
 * connect at the API implementations (not at Net.connect) so that each event carries the
 * outcome the application saw, timeouts included: a timed connect fails in Java code, never in
 * a syscall. A failed connect closes its socket before it returns, so the descriptor number is
 * taken on entry.
 */
final class ConnectAdvice {
    private ConnectAdvice() {}

    /** NioSocketImpl.connect(SocketAddress, int): java.net.Socket. */
    static final class SocketImpl {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.FieldValue("fd") FileDescriptor fd, @Advice.Local("fd") int fdNum) {
            long t0 = Recorder.start();
            fdNum = t0 == 0 ? -1 : Recorder.fd(fd);
            return t0;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.Local("fd") int fdNum, @Advice.FieldValue("fd") FileDescriptor fd,
                         @Advice.Argument(0) SocketAddress remote, @Advice.Thrown Throwable thrown) {
            if (t0 != 0) Recorder.connect(Recorder.STREAM, fdNum, remote, null, fd, false, t0, thrown);
        }
    }

    /** SocketChannelImpl.connect(SocketAddress): false means a non-blocking connect is in progress. */
    static final class Channel {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.start();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.FieldValue("fdVal") int fd, @Advice.FieldValue("fd") FileDescriptor fdObject,
                         @Advice.FieldValue("localAddress") SocketAddress local, @Advice.Argument(0) SocketAddress remote,
                         @Advice.Return boolean connected, @Advice.Thrown Throwable thrown) {
            // A pending connect has its ephemeral port already; the channel learns it only later.
            if (t0 != 0) Recorder.connect(Recorder.STREAM, fd, remote, local, fdObject, thrown == null && !connected, t0, thrown);
        }
    }

    /** SocketChannelImpl.finishConnect(): recorded when the pending connect resolves. */
    static final class Finish {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.start();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.FieldValue("fdVal") int fd, @Advice.FieldValue("localAddress") SocketAddress local,
                         @Advice.FieldValue("remoteAddress") SocketAddress remote, @Advice.Return boolean connected,
                         @Advice.Thrown Throwable thrown) {
            if (t0 != 0 && (connected || thrown != null)) Recorder.connect(Recorder.STREAM, fd, remote, local, null, false, t0, thrown);
        }
    }

    /** SocketChannelImpl.blockingConnect(SocketAddress, long): SocketChannel.socket().connect(). */
    static final class Blocking {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.start();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.FieldValue("fdVal") int fd, @Advice.FieldValue("localAddress") SocketAddress local,
                         @Advice.Argument(0) SocketAddress remote, @Advice.Thrown Throwable thrown) {
            if (t0 != 0) Recorder.connect(Recorder.STREAM, fd, remote, local, null, false, t0, thrown);
        }
    }

    /** DatagramChannelImpl.connect(SocketAddress): DatagramChannel, DatagramSocket, MulticastSocket. */
    static final class Datagram {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.start();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.FieldValue("fdVal") int fd, @Advice.FieldValue("localAddress") SocketAddress local,
                         @Advice.Argument(0) SocketAddress remote, @Advice.Thrown Throwable thrown) {
            if (t0 != 0) Recorder.connect(Recorder.DGRAM, fd, remote, local, null, false, t0, thrown);
        }
    }

    /**
     * UnixAsynchronousSocketChannelImpl.implConnect: connected at once (remoteAddress set) or
     * pending; failures are delivered to the future or handler, not thrown.
     */
    static final class Async {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.start();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.FieldValue("fdVal") int fd, @Advice.FieldValue("localAddress") SocketAddress local,
                         @Advice.FieldValue("remoteAddress") SocketAddress connectedTo, @Advice.Argument(0) SocketAddress remote,
                         @Advice.Thrown Throwable thrown) {
            if (t0 != 0) Recorder.connect(Recorder.STREAM, fd, remote, local, null, thrown == null && connectedTo == null, t0, thrown);
        }
    }

    /**
     * UnixAsynchronousSocketChannelImpl.finishConnect(boolean): the channel is connected when
     * remoteAddress got set; otherwise the connect failed (the exception goes to the handler).
     */
    static final class AsyncFinish {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.start();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.FieldValue("fdVal") int fd, @Advice.FieldValue("localAddress") SocketAddress local,
                         @Advice.FieldValue("remoteAddress") SocketAddress connectedTo, @Advice.FieldValue("pendingRemote") SocketAddress remote) {
            if (t0 != 0) Recorder.asyncConnected(fd, remote, local, connectedTo != null, t0);
        }
    }
}
