package dev.nettrace.render;

import dev.nettrace.timeline.Outcome;

/** ANSI colours when writing to a terminal, plain text otherwise. */
final class Palette {
    private final boolean on;

    Palette(boolean on) {
        this.on = on;
    }

    String red(String s) {
        return wrap("31", s);
    }

    String green(String s) {
        return wrap("32", s);
    }

    String yellow(String s) {
        return wrap("33", s);
    }

    String cyan(String s) {
        return wrap("36", s);
    }

    String bold(String s) {
        return wrap("1", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    String outcome(Outcome o, String s) {
        return switch (o) {
            case OPEN, PRE_EXISTING -> cyan(s);
            case CLOSED, CLOSED_BY_PEER -> green(s);
            case ABANDONED -> yellow(s);
            default -> red(s);
        };
    }

    private String wrap(String code, String s) {
        return on && s != null ? "\033[" + code + "m" + s + "\033[0m" : String.valueOf(s);
    }
}
