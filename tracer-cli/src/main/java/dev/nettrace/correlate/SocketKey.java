package dev.nettrace.correlate;

/** A kernel socket's identity across processes: inodes are unique within a network namespace. */
record SocketKey(long netns, long inode) {
}
