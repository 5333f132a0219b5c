package dev.nettrace.store;

/**
 * A traced process as the store identifies it: pid plus start time, because pids are reused.
 * uid is the owner used for access checks; comm and source are descriptive.
 */
public record ProcessKey(int pid, long startTicks, int uid, String comm, String source) {}
