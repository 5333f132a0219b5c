package dev.nettrace.agent.core;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers each hooked class's bytes as they were before our advice went in. Registered just
 * before the advice transformer, in the same agent, so it sees the class first. Detaching
 * redefines the classes with these bytes: on JDK 25 a retransformation without our transformer
 * still produced the advised class, so "retransform and let the JVM start from the original"
 * cannot be relied on.
 */
final class OriginalBytes implements ClassFileTransformer {
    private final Set<String> internalNames;
    private final Map<String, byte[]> original = new ConcurrentHashMap<>();

    OriginalBytes(Set<String> classNames) {
        this.internalNames = Set.copyOf(classNames.stream().map(n -> n.replace('.', '/')).toList());
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
        if (name != null && internalNames.contains(name)) original.putIfAbsent(name, bytes.clone());
        return null;
    }

    byte[] of(Class<?> c) {
        return original.get(c.getName().replace('.', '/'));
    }
}
