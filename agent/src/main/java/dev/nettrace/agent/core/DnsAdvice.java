package dev.nettrace.agent.core;

import dev.nettrace.agent.boot.Recorder;
import java.net.InetAddress;
import net.bytebuddy.asm.Advice;

/**
 * InetAddress.getAllByName(String): getByName and InetSocketAddress delegate to it; the resolver
 * internals behind it changed in JDK 18 (JEP 418), this public method did not.
 */
final class DnsAdvice {
    private DnsAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
        return Recorder.start();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter long t0, @Advice.Argument(0) String host, @Advice.Return InetAddress[] answers,
                     @Advice.Thrown Throwable thrown) {
        if (t0 != 0) Recorder.dns(host, answers, t0, thrown);
    }
}
