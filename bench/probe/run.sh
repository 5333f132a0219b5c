#!/usr/bin/env bash
# Probe benchmark, on the test lab (network namespaces that exist only while this runs; no packet
# leaves the machine): SYN-probe ports 1-1000 of the lab server and trace the path to it, with
# nettrace and with nmap -sS / traceroute in the same run. Prints wall times, the ratio to the
# Debian tool, and whether every verdict agrees. nettrace runs through ./nettrace, the launcher users
# run (its JVM settings and class-data archive included), with a cache of its own that starts empty:
# the first run, which writes the archive, is a row of its own; the medians are of later runs.
#
#   bench/probe/run.sh [RATE]     RATE: nettrace's probes per second for the scan and the traces
#                                 (default 5000; the scan at the polite default of 50/s is measured
#                                 too, as its own row)
#
# The server gets a realistic mix on ports 1-1000: listeners on 22, 80 and 443, a DROP range
# (100-199: nmap retransmits and waits there), admin-prohibited rejects (200-249), port-unreachable
# rejects (250-259); everything else is closed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rate=${1:-5000}
out="$here/out"
mkdir -p "$out"
for tool in nmap traceroute iptables python3; do
  command -v "$tool" >/dev/null || { echo "bench/probe: $tool is required (apt-get install nmap traceroute iptables)" >&2; exit 1; }
done
[[ $(id -u) == 0 ]] || { echo "bench/probe: must run as root (namespaces, raw sockets)" >&2; exit 1; }

(cd "$root" && mvn -q -B -o -DskipTests package -pl tracer-cli -am)
jar="$root/tracer-cli/target/nettrace.jar"
nettrace=("$root/nettrace")
export XDG_CACHE_HOME="$out/cache"
rm -rf "$XDG_CACHE_HOME"

# The lab lives as long as its stdin stays open.
fifo="$out/lab.$$"
rm -f "$fifo"; mkfifo "$fifo"
java -cp "$root/tracer-cli/target/test-classes:$jar" dev.nettrace.testkit.NetnsLab <"$fifo" >"$out/lab.out" 2>&1 &
lab_pid=$!
exec 3>"$fifo"
listeners=()
cleanup() {
  for p in "${listeners[@]}"; do kill "$p" 2>/dev/null || true; done
  exec 3>&-
  wait "$lab_pid" 2>/dev/null || true
  rm -f "$fifo"
}
trap cleanup EXIT
for _ in $(seq 1 600); do [[ -s "$out/lab.out" ]] && break; sleep 0.1; done
client=$(head -n1 "$out/lab.out")
[[ $client == nt-*-client ]] || { echo "bench/probe: the lab did not start:" >&2; cat "$out/lab.out" >&2; exit 1; }
server=${client%-client}-server
target=198.18.3.2
in_client=(ip netns exec "$client")

ip netns exec "$server" iptables -A INPUT -p tcp --dport 100:199 -j DROP
ip netns exec "$server" iptables -A INPUT -p tcp --dport 200:249 -j REJECT --reject-with icmp-admin-prohibited
ip netns exec "$server" iptables -A INPUT -p tcp --dport 250:259 -j REJECT --reject-with icmp-port-unreachable
for port in 22 80 443; do
  ip netns exec "$server" python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('0.0.0.0', $port)); s.listen(64)
time.sleep(3600)" &
  listeners+=($!)
done
sleep 0.5

now() { date +%s%N; }
secs() { awk -v n="$1" 'BEGIN { printf "%.2f", n / 1e9 }'; }
reps=3
# median_ns OUTFILE CMD...: runs CMD $reps times (stdout to OUTFILE) and prints the median wall time.
median_ns() {
  local file=$1; shift
  local -a times=()
  for _ in $(seq 1 "$reps"); do
    local t0; t0=$(now)
    "$@" >"$file"
    times+=($(( $(now) - t0 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (reps + 1) / 2 ))p"
}

scan=(probe "$target" --tcp 1-1000 --rate "$rate" --max-probes 2500 --format json)
# --- the first run of a command on a cold cache (it writes the class-data archive; JDK 13-18
# check and adopt it on the next run, which is not timed) ---
t0=$(now)
"${in_client[@]}" "${nettrace[@]}" "${scan[@]}" >/dev/null
t_first=$(( $(now) - t0 ))
"${in_client[@]}" "${nettrace[@]}" "${scan[@]}" >/dev/null
"${in_client[@]}" "${nettrace[@]}" --version >/dev/null
"${in_client[@]}" "${nettrace[@]}" --version >/dev/null

# --- JVM start-up, the floor under every nettrace row ---
t_start=$(median_ns /dev/null "${in_client[@]}" "${nettrace[@]}" --version)

# --- SYN scan of 1-1000 (the polite run once: it takes 20 s by design) ---
t_ours=$(median_ns "$out/ours.json" "${in_client[@]}" "${nettrace[@]}" "${scan[@]}")
t_plain=$(median_ns /dev/null "${in_client[@]}" java -jar "$jar" "${scan[@]}")
t0=$(now)
"${in_client[@]}" "${nettrace[@]}" probe "$target" --tcp 1-1000 --max-probes 2500 --format json >"$out/ours-polite.json"
t_polite=$(( $(now) - t0 ))
t_nmap=$(median_ns /dev/null "${in_client[@]}" nmap -sS -n -Pn --reason -p1-1000 -oX "$out/nmap.xml" "$target")

verdicts_ours() {
  python3 -c '
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(r["probe"].split("/")[1], r["verdict"], r["reason"])' "$1" | sort -n
}
verdicts_nmap() {
  # nmap folds the common state into <extraports>; expand it so every port gets a line.
  python3 -c '
import re, sys
xml = open(sys.argv[1]).read()
seen = {}
for port, state, reason in re.findall(r"<port protocol=\"tcp\" portid=\"(\d+)\"><state state=\"([^\"]+)\" reason=\"([^\"]+)\"", xml):
    seen[int(port)] = (state, reason)
for state, reasons in re.findall(r"<extraports state=\"([^\"]+)\" count=\"\d+\">(.*?)</extraports>", xml, re.S):
    for reason in re.findall(r"<extrareasons reason=\"([^\"]+)\"[^>]*ports=\"([^\"]+)\"", reasons):
        for part in reason[1].split(","):
            lo, _, hi = part.partition("-")
            for p in range(int(lo), int(hi or lo) + 1):
                seen[p] = (state, reason[0])
for p in sorted(seen):
    print(p, *seen[p])' "$1"
}
verdicts_ours "$out/ours.json" >"$out/ours.txt"
verdicts_ours "$out/ours-polite.json" >"$out/ours-polite.txt"
verdicts_nmap "$out/nmap.xml" >"$out/nmap.txt"
agree() { diff -q "$1" "$2" >/dev/null && echo "identical ($(wc -l <"$1") lines)" || echo "DIFFER: $(diff "$1" "$2" | grep -c '^[<>]') lines (diff $1 $2)"; }

# --- traces ---
hops_ours() {
  python3 -c '
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    for h in r.get("hops") or []:
        print(h["ttl"], h["addr"] or "*", h["flag"] or "")' "$1"
}
hops_traceroute() { awk 'NR > 1 { flag = ""; for (i = 3; i <= NF; i++) if ($i ~ /^!/) flag = $i; print $1, $2, flag }' "$1"; }
declare -A t_trace_ours t_trace_theirs trace_agree
for method in udp icmp; do
  t_trace_ours[$method]=$(median_ns "$out/trace-$method.json" "${in_client[@]}" "${nettrace[@]}" probe "$target" --trace --method "$method" -q 1 --rate "$rate" --format json)
  flag=(); [[ $method == icmp ]] && flag=(-I)
  t_trace_theirs[$method]=$(median_ns "$out/traceroute-$method.txt" "${in_client[@]}" traceroute "${flag[@]}" -n -q 1 "$target")
  hops_ours "$out/trace-$method.json" >"$out/trace-$method.hops"
  hops_traceroute "$out/traceroute-$method.txt" >"$out/traceroute-$method.hops"
  trace_agree[$method]=$(agree "$out/trace-$method.hops" "$out/traceroute-$method.hops")
done

# Each nettrace row: wall seconds, then the same minus the JVM start-up measured above (the probing
# itself; on a loaded machine start-up varies by tenths of a second, so small rows are rough).
row() { # label ours theirs agreement
  printf '%-52s %9s %9s %9s  %s\n' "$1" "$(secs "$2")" "$(secs $(( $2 - t_start )))" \
    "$(awk -v a=$(( $2 - t_start )) -v b="$3" 'BEGIN{printf "%.2f", a/b}')" "$4"
}
printf '\nmedians of %s runs (the polite scan: one run); JVM start-up (nettrace --version): %s s\n' "$reps" "$(secs $t_start)"
printf '\n%-52s %9s %9s %9s  %s\n' "task (lab, 198.18.3.2)" "seconds" "-startup" "ratio" "verdicts"
printf '%-52s %9s %9s %9s  %s\n' "nmap -sS -p1-1000" "$(secs $t_nmap)" "" "1.00" "-"
row "nettrace probe --tcp 1-1000 --rate $rate" "$t_ours" "$t_nmap" "$(agree "$out/ours.txt" "$out/nmap.txt")"
row "  the same, first run (cold cache)" "$t_first" "$t_nmap" "-"
row "  the same, as java -jar nettrace.jar (no launcher)" "$t_plain" "$t_nmap" "-"
row "nettrace probe --tcp 1-1000 (polite 50/s)" "$t_polite" "$t_nmap" "$(agree "$out/ours-polite.txt" "$out/nmap.txt")"
for method in udp icmp; do
  tool="traceroute"; [[ $method == icmp ]] && tool="traceroute -I"
  printf '%-52s %9s %9s %9s  %s\n' "$tool" "$(secs ${t_trace_theirs[$method]})" "" "1.00" "-"
  row "nettrace probe --trace --method $method --rate $rate" "${t_trace_ours[$method]}" "${t_trace_theirs[$method]}" "${trace_agree[$method]}"
done
echo
echo "ratio: nettrace's probing time (wall minus JVM start-up) over the Debian tool's wall time; outputs in $out"
awk -v a="$t_ours" -v b="$t_nmap" 'BEGIN { printf "whole command, start-up included: nettrace %.2f s, nmap %.2f s (%.2fx)\n", a / 1e9, b / 1e9, a / b }' 
