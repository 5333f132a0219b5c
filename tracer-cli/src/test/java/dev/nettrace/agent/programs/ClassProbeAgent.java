package dev.nettrace.agent.programs;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.Arrays;

/**
 * A test-only javaagent that shows what a JDK class looks like now: it retransforms the class
 * with a transformer added last, which therefore receives the bytes every other agent's
 * transformer produced. "true HASH" means nettrace's advice is in them.
 */
public final class ClassProbeAgent {
    private static Instrumentation inst;

    public static void premain(String args, Instrumentation instrumentation) {
        inst = instrumentation;
    }

    static synchronized String probe(String className) throws Exception {
        Class<?> target = Class.forName(className, false, null);
        byte[][] seen = new byte[1][];
        ClassFileTransformer capture = new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
                if (redefined == target) seen[0] = bytes.clone();
                return null;
            }
        };
        inst.addTransformer(capture, true);
        try {
            inst.retransformClasses(target);
        } finally {
            inst.removeTransformer(capture);
        }
        String text = new String(seen[0], StandardCharsets.ISO_8859_1);
        return text.contains("dev/nettrace/agent/boot/Recorder") + " " + Integer.toHexString(Arrays.hashCode(seen[0]));
    }
}
