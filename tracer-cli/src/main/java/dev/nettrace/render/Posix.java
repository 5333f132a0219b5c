package dev.nettrace.render;

import com.sun.jna.Native;

/** isatty and mkfifo: deciding on colour, and the pipe the helper writes its events into. */
final class Posix {
    static {
        Native.register("c");
    }

    private Posix() {}

    static native int isatty(int fd);

    static native int mkfifo(String path, int mode);

    static boolean isTerminal(int fd) {
        try {
            return isatty(fd) == 1;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
