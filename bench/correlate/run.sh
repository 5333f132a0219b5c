#!/usr/bin/env bash
# Correlation cost with 10,000 open loopback TCP sockets: nettrace's snapshot of one process and
# of all processes against `ss -tanp` in the same run, and the correlator's folding speed.
# Usage: bench/correlate/run.sh [SOCKETS] [ROUNDS]   (as root; loopback only)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sockets=${1:-10000}
rounds=${2:-11}
jar="$root/tracer-cli/target/nettrace.jar"
[[ -f "$jar" ]] || (cd "$root" && mvn -q -B -DskipTests package >&2)

ready=$(mktemp)
/usr/bin/python3 "$here/holder.py" "$sockets" > "$ready" &
holder=$!
trap 'kill $holder 2>/dev/null || true; rm -f "$ready"' EXIT
for _ in $(seq 600); do [[ -s "$ready" ]] && break; sleep 0.1; done
[[ -s "$ready" ]] || { echo "holder did not start" >&2; exit 1; }
echo "holder pid $holder: $(cat "$ready")"
java -Dslf4j.internal.verbosity=ERROR -cp "$jar" "$here/CorrelateBench.java" "$holder" "$rounds"
