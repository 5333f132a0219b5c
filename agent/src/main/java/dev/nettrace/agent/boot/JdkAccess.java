package dev.nettrace.agent.boot;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Handles on java.base internals that the hooks read. They work because the installer opened
 * java.io, java.net and sun.nio.ch to this (bootstrap, unnamed) module before this class
 * initialises; a handle that does not exist on this JDK is null and its reader returns "unknown".
 */
final class JdkAccess {
    private JdkAccess() {}

    private static final VarHandle FD_INT = field(FileDescriptor.class, "fd", int.class);
    private static final VarHandle IMPL_FD = field(java.net.SocketImpl.class, "fd", FileDescriptor.class);
    private static final VarHandle IMPL_ADDRESS = field(java.net.SocketImpl.class, "address", InetAddress.class);
    private static final VarHandle IMPL_PORT = field(java.net.SocketImpl.class, "port", int.class);
    private static final MethodHandle LOCAL_ADDRESS =
            staticMethod("sun.nio.ch.Net", "localAddress", MethodType.methodType(InetSocketAddress.class, FileDescriptor.class));
    /** NativeSocketAddress.decode(): pure (DatagramChannelImpl.sourceSocketAddress() is not: it swaps buffers). */
    private static final MethodHandle DECODE_SOCKADDR =
            virtualMethod("sun.nio.ch.NativeSocketAddress", "decode", MethodType.methodType(InetSocketAddress.class));
    private static final MethodHandle IS_VIRTUAL = isVirtual();

    static int fdVal(FileDescriptor fd) {
        return fd == null || FD_INT == null ? -1 : (int) FD_INT.get(fd);
    }

    static FileDescriptor implFd(Object socketImpl) {
        return IMPL_FD == null ? null : (FileDescriptor) IMPL_FD.get(socketImpl);
    }

    static InetSocketAddress implRemote(Object socketImpl) {
        if (IMPL_ADDRESS == null) return null;
        InetAddress a = (InetAddress) IMPL_ADDRESS.get(socketImpl);
        return a == null ? null : new InetSocketAddress(a, (int) IMPL_PORT.get(socketImpl));
    }

    /** getsockname(2) of a socket, or null if it is closed or unnamed. */
    static InetSocketAddress localAddress(FileDescriptor fd) {
        if (LOCAL_ADDRESS == null || fd == null || fdVal(fd) < 0) return null;
        try {
            return (InetSocketAddress) LOCAL_ADDRESS.invokeExact(fd);
        } catch (Throwable t) {
            return null;
        }
    }

    /** The sender a datagram receive just stored in the channel's native sockaddr buffer. */
    static SocketAddress datagramSender(Object nativeSocketAddress) {
        if (DECODE_SOCKADDR == null || nativeSocketAddress == null) return null;
        try {
            return (InetSocketAddress) DECODE_SOCKADDR.invoke(nativeSocketAddress);
        } catch (Throwable t) {
            return null;
        }
    }

    static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) return false;
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }

    private static VarHandle field(Class<?> owner, String name, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static MethodHandle staticMethod(String owner, String name, MethodType type) {
        try {
            Class<?> c = Class.forName(owner, false, null);
            return MethodHandles.privateLookupIn(c, MethodHandles.lookup()).findStatic(c, name, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static MethodHandle virtualMethod(String owner, String name, MethodType type) {
        try {
            Class<?> c = Class.forName(owner, false, null);
            return MethodHandles.privateLookupIn(c, MethodHandles.lookup()).findVirtual(c, name, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Thread.isVirtual() exists from JDK 21 on; before that every thread is a platform thread. */
    private static MethodHandle isVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
