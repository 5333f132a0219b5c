package dev.nettrace.diagnose;

/** The layers diagnosis walks, in the order an engineer checks them by hand. */
enum Layer {
    link, neighbour, route, dns, transport, path, keepalive, none
}
