package dev.nettrace.agent.programs;

import java.lang.instrument.Instrumentation;

/**
 * A test-only agent that switches nettrace's recorder on again after a detach, without any
 * hooks: if advice were left in the JDK's classes, the target's socket calls would reach the
 * collector named by the argument; with the classes restored, nothing does.
 */
public final class RecorderProbeAgent {
    private RecorderProbeAgent() {}

    public static void agentmain(String socketPath, Instrumentation inst) throws Exception {
        Class<?> recorder = Class.forName("dev.nettrace.agent.boot.Recorder", true, null);
        Runnable noHooksToRemove = () -> { };
        recorder.getMethod("begin", String.class, boolean.class, int.class, Runnable.class).invoke(null, socketPath, false, 1024, noHooksToRemove);
    }
}
