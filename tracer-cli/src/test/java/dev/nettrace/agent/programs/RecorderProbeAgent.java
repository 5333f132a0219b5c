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
        Class<?> arguments = Class.forName("dev.nettrace.wire.AgentArguments", true, null);
        Object session = arguments.getMethod("session", String.class, boolean.class, boolean.class).invoke(null, socketPath, false, false);
        recorder.getMethod("begin", arguments, Runnable.class).invoke(null, session, noHooksToRemove);
        recorder.getMethod("go").invoke(null);
    }
}
