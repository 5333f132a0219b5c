#!/usr/bin/env bash
# The agent's cost on a loopback echo (8-byte messages, ROUNDS round trips, java.net.Socket and
# SocketChannel), against an untraced run and JFR recording jdk.SocketRead/SocketWrite at
# threshold 0 ms (all JFR can see of sockets), all in this one invocation. The benchmark JVM
# (client and server threads, and the agent's or JFR's own thread) is pinned to one CPU so runs
# compare; nettrace's collector, a separate process, is not. Variants alternate within each
# repetition and the table shows medians of wall time and of the benchmark process's CPU time
# (steadier on a busy machine; it leaves out the collector process, but includes JFR's and the
# agent's own threads). Each round trip is 4 socket calls (2 writes, 2 reads), which is what
# both tracers record; "ns/event" is the extra time per recorded call. A last agent run per mode
# writes its trace to a file instead of /dev/null and counts what arrived and what was dropped,
# so the figures are known to be those of an agent that recorded every call; its wall time says
# what tracing to a file costs with the collector sharing the two CPUs (one run, so rougher).
# nettrace runs through its launcher (./nettrace), as users run it. "idle" is a JVM
# started with the agent in daemon mode while no daemon runs (-javaagent:...=daemon=PATH): what
# every JVM of a host with the agent in JAVA_TOOL_OPTIONS pays when nobody traces it.
#
#   bench/agent/run.sh [REPS (default 5)] [ROUNDS (default 200000)]
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/agent/run.sh    # another JDK
#   MODES=blocking VARIANTS="untraced agent jfr" bench/agent/run.sh 5        # a subset, for quick comparisons
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
reps=${1:-5}
rounds=${2:-200000}
java=${JAVA:-java}
cpu=${BENCH_CPU:-0}
out="$here/out"
mkdir -p "$out"

jar="$root/tracer-cli/target/nettrace.jar"
[[ -f "$jar" ]] || (cd "$root" && mvn -q -B -DskipTests package >&2)
# as users run it: the launcher's JVM settings for the collector, on the default JDK whatever JAVA is
nettrace=(env JAVA=java "$root/nettrace")
"${java%java}javac" -d "$out" "$here/EchoBench.java" 2>/dev/null || javac -d "$out" "$here/EchoBench.java"

# One run of one variant: prints the timed loop's nanoseconds.
run() {
  local variant=$1 mode=$2
  local bench=("$java" -cp "$out" EchoBench "$mode" "$rounds")
  case $variant in
    untraced) taskset -c "$cpu" "${bench[@]}" ;;
    idle)     taskset -c "$cpu" "$java" -javaagent:"$root/agent/target/nettrace-agent.jar"=daemon="$out/no-daemon/nettrace.sock" \
                -cp "$out" EchoBench "$mode" "$rounds" ;;
    agent)    "${nettrace[@]}" run --via agent -o /dev/null -qq -- taskset -c "$cpu" "${bench[@]}" ;;
    check)    "${nettrace[@]}" run --via agent -o "$out/check-$mode.txt" -qq -- taskset -c "$cpu" "${bench[@]}" ;;
    stack)    "${nettrace[@]}" run --via agent --stack -o /dev/null -qq -- taskset -c "$cpu" "${bench[@]}" ;;
    jfr)      taskset -c "$cpu" "$java" -XX:StartFlightRecording=filename="$out/bench.jfr",settings="$here/socket-events.jfc" \
                -Xlog:jfr+startup=off -cp "$out" EchoBench "$mode" "$rounds" ;;
  esac 2>/dev/null | tail -1
}

read -ra variants <<<"${VARIANTS:-untraced idle agent stack jfr}"
read -ra modes <<<"${MODES:-blocking nio}"
declare -A wall cpu
for mode in "${modes[@]}"; do
  for ((r = 0; r < reps; r++)); do
    # rotate the order each repetition so no variant always runs first
    for ((i = 0; i < ${#variants[@]}; i++)); do
      v=${variants[$(((i + r) % ${#variants[@]}))]}
      read -r w c < <(run "$v" "$mode")
      wall[$mode.$v]+="$w "
      cpu[$mode.$v]+="$c "
    done
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

echo "JDK: $("$java" -version 2>&1 | head -1); $rounds round trips x 4 socket calls; median of $reps; benchmark JVM pinned to CPU $cpu; load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-9s %-9s | %9s %7s %9s | %9s %7s %9s\n' mode variant "wall ms" ratio "ns/event" "cpu ms" ratio "ns/event"
for mode in "${modes[@]}"; do
  bw=$(median <<<"${wall[$mode.untraced]}")
  bc=$(median <<<"${cpu[$mode.untraced]}")
  for v in "${variants[@]}"; do
    w=$(median <<<"${wall[$mode.$v]}")
    c=$(median <<<"${cpu[$mode.$v]}")
    awk -v w="$w" -v bw="$bw" -v c="$c" -v bc="$bc" -v n="$rounds" -v mode="$mode" -v v="$v" 'BEGIN {
      printf "%-9s %-9s | %9.1f %6.2fx %9.0f | %9.1f %6.2fx %9.0f\n", mode, v, w / 1e6, w / bw, (w - bw) / (4 * n), c / 1e6, c / bc, (c - bc) / (4 * n) }'
  done
done

for mode in "${modes[@]}"; do
  read -r cw _ < <(run check "$mode")
  calls=$(grep -cE '\] (send|recv)\(' "$out/check-$mode.txt" || true)
  dropped=$(sed -nE 's/.*the agent dropped ([0-9]+) events.*/\1/p' "$out/check-$mode.txt" | tail -1)
  ratio=$(awk -v w="$cw" -v bw="$(median <<<"${wall[$mode.untraced]}")" 'BEGIN { printf "%.2f", w / bw }')
  echo "check $mode: the agent's trace to a file has $calls send/recv calls of about $((4 * (rounds + 20000))) made (warm-up included), ${dropped:-0} events dropped; wall ${ratio}x untraced"
done
