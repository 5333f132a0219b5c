#!/usr/bin/env bash
# Ptrace benchmark: wall time of two workloads untraced, under strace, and under nettrace-ptrace
# (launched and attached), pinned to one CPU and unpinned, as ratios to the untraced run measured
# in the same invocation. Runs alternate between configurations and the median of REPS is kept,
# so drifting machine load affects every configuration alike.
#
#   bench/ptrace/run.sh [REPS]        (default 5; env RR_N, MIX_N, MIX_M override the sizes)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
reps=${1:-5}
rr_n=${RR_N:-20000}
mix_n=${MIX_N:-200000}
mix_m=${MIX_M:-2000}
out="$here/out"
mkdir -p "$out"
cc -O2 -std=gnu11 -Wall -Wextra -Werror -o "$out/workload" "$here/workload.c"
cc -O2 -std=gnu11 -Wall -Wextra -Werror -o "$out/bare_tracer" "$here/bare_tracer.c"
make -s -C "$root/native" build/nettrace-ptrace
helper="$root/native/build/nettrace-ptrace"
command -v strace >/dev/null || { echo "strace is required" >&2; exit 1; }

# bare-floor: entry and exit stops of the same calls, nothing decoded (see bare_tracer.c)
configs=(untraced bare-floor strace strace-seccomp nettrace nettrace-attach strace-attach)

# Runs one configuration once; prints the workload's own elapsed nanoseconds.
run_one() {
  local config=$1 pin=$2; shift 2
  local -a wl=("$out/workload" "$@") pre=()
  [[ $pin == pinned ]] && pre=(taskset -c 0)
  case $config in
    untraced)       "${pre[@]}" "${wl[@]}" | tail -n1 ;;
    bare-floor)     "${pre[@]}" "$out/bare_tracer" "${wl[@]}" | tail -n1 ;;
    strace)         "${pre[@]}" strace -f -qq -e trace=network -o /dev/null "${wl[@]}" | tail -n1 ;;
    strace-seccomp) "${pre[@]}" strace -f -qq --seccomp-bpf -e trace=network -o /dev/null "${wl[@]}" | tail -n1 ;;
    nettrace)       "${pre[@]}" "$helper" -qq -o /dev/null -- "${wl[@]}" | tail -n1 ;;
    strace-attach|nettrace-attach)
      local go="$out/go.$$" fifo="$out/fifo.$$" pid tracer
      rm -f "$go" "$fifo"; mkfifo "$fifo"
      "${pre[@]}" "${wl[@]}" "$go" >"$fifo" &
      exec 3<"$fifo"
      read -r _ pid <&3
      if [[ $config == strace-attach ]]; then
        "${pre[@]}" strace -f -qq -e trace=network -o /dev/null -p "$pid" 2>/dev/null &
      else
        "${pre[@]}" "$helper" -qq -o /dev/null -p "$pid" 2>/dev/null &
      fi
      tracer=$!
      until grep -q '^TracerPid:[[:space:]]*[1-9]' "/proc/$pid/status" 2>/dev/null; do sleep 0.01; done
      touch "$go"
      tail -n1 <&3
      exec 3<&-
      wait "$tracer" 2>/dev/null || true
      rm -f "$go" "$fifo" ;;
  esac
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

bench() {
  local mode=$1 pin=$2; shift 2
  local rep c
  declare -A samples=()
  for ((rep = 0; rep < reps; rep++)); do
    # rotate the order each repetition so no configuration always runs first
    for ((k = 0; k < ${#configs[@]}; k++)); do
      c=${configs[$(((k + rep) % ${#configs[@]}))]}
      samples[$c]+="$(run_one "$c" "$pin" "$@") "
    done
  done
  local base
  base=$(tr ' ' '\n' <<<"${samples[untraced]}" | grep . | median)
  for c in "${configs[@]}"; do
    local m
    m=$(tr ' ' '\n' <<<"${samples[$c]}" | grep . | median)
    awk -v mode="$mode" -v pin="$pin" -v c="$c" -v m="$m" -v b="$base" \
      'BEGIN { printf "%-6s %-9s %-16s %10.1f ms %8.2fx\n", mode, pin, c, m / 1e6, m / b }'
  done
}

printf '# %s reps, rr=%s round trips, mixed=%s syscalls with %s network calls; %s\n' "$reps" "$rr_n" "$mix_n" "$mix_m" "$(date -u +%FT%TZ)"
printf '%-6s %-9s %-16s %13s %9s\n' mode cpu config median ratio
for pin in pinned unpinned; do
  bench rr "$pin" rr "$rr_n"
  bench mixed "$pin" mixed "$mix_n" "$mix_m"
done
