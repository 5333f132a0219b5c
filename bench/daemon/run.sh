#!/usr/bin/env bash
# The daemon's ingest and dump speed: events per second stored with 1 and 8 concurrent agents
# (the agent's own frames) and helper streams (NDJSON), then the latency of `nettrace dump` for a
# process with 100,000 connections. Loopback Unix socket only; the store lives in a temp dir.
# Usage: bench/daemon/run.sh [EVENTS_PER_CLIENT] [CONNECTIONS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
events=${1:-400000}
conns=${2:-100000}
jar="$root/tracer-cli/target/nettrace.jar"
[[ -f "$jar" ]] || (cd "$root" && mvn -q -B -DskipTests package >&2)

work=$(mktemp -d)
java -jar "$jar" daemon --socket "$work/s" --db "$work/db" --retention 0 --max-db-size 0 2> "$work/daemon.log" &
daemon=$!
trap 'kill $daemon 2>/dev/null || true; wait $daemon 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 300); do [[ -S "$work/s" ]] && break; sleep 0.1; done
bench() { java -Dslf4j.internal.verbosity=ERROR -cp "$jar" "$here/DaemonBench.java" "$work/s" "$@"; }
# The daemon's own CPU time (utime + stime, in clock ticks): a figure a busy machine distorts less than wall time.
cpu() { awk '{print $14 + $15}' "/proc/$daemon/stat"; }
# Until the live correlator has nothing left to do (a daemon without one is idle at once).
settled() {
  local s
  for _ in $(seq 120); do
    s=$(java -jar "$jar" daemon --status --socket "$work/s")
    grep -q '^  live:' <<< "$s" || return 0
    grep -q 'for 0 reporters now' <<< "$s" && { sed -n 's/^  live: */          live (so far): /p' <<< "$s"; return 0; }
    sleep 0.5
  done
}
ingest() {
  local before after total=$(( $2 * $3 ))
  before=$(cpu)
  bench "$@"
  # Live correlation runs beside storage and may finish later: its CPU counts, its time does not.
  local live
  live=$(settled)
  after=$(cpu)
  printf '          daemon CPU: %.2f us per event (%d ticks of %d Hz), live correlation included\n' "$(echo "($after - $before) * 1000000 / $(getconf CLK_TCK) / $total" | bc -l)" $((after - before)) "$(getconf CLK_TCK)"
  [[ -z "$live" ]] || echo "$live"
}

# A fresh JVM interprets before it compiles: a first, unmeasured round, so that the figures are a
# running daemon's (its live correlator is ten times slower while cold, and gives up reporters then).
bench agents 8 25000 > /dev/null
bench helpers 8 25000 > /dev/null
settled > /dev/null
echo "== ingest ($(nproc) CPUs, load average $(cut -d' ' -f1 /proc/loadavg) at start)"
ingest agents 1 "$events"
ingest agents 8 $((events / 8))
ingest helpers 1 "$events"
ingest helpers 8 $((events / 8))
echo "== dump of a process with $conns connections"
pid=$(bench fill "$conns" | tee /dev/stderr | awk '/^PID/ {print $2}')
bench dump "$pid"
start=$(date +%s.%N)
java -jar "$jar" dump --socket "$work/s" --format json "$pid" > "$work/dump.json"
end=$(date +%s.%N)
printf 'nettrace dump --format json (CLI, JVM start and correlation included): %.2f s, %s lines\n' "$(echo "$end - $start" | bc)" "$(wc -l < "$work/dump.json")"
echo "store: $(du -h "$work/db" | cut -f1) (+ WAL $(du -h "$work/db-wal" 2>/dev/null | cut -f1 || echo 0))"
