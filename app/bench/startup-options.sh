#!/bin/bash
# Start-up of one build of the workbench with two sets of JVM options, alternating start by start
# (QUERYBENCH_JAVA_OPTIONS, after the launcher's own, so they can override them): from starting
# app/target/bin/querybench-app to its ready file, with the trace's marks (startup.sh). BENCH_HOME
# is copied once and used by both (a home with one stored run, see startup.sh); a fresh sample
# home when unset. Needs an X display in DISPLAY.
#   app/bench/startup-options.sh ROUNDS "OPTIONS_A" "OPTIONS_B"
set -u
rounds=${1:?rounds}
a=${2?options A (may be "")}
b=${3?options B (may be "")}
here=$(cd "$(dirname "$0")/.." && pwd -P)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=app/bench/lib.sh
. "$here/bench/lib.sh"
if [ -n "${BENCH_HOME:-}" ]; then cp -r "$BENCH_HOME" "$work/home"; fi
export QUERYBENCH_HOME="$work/home"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$rounds"); do
  for options in "$a" "$b"; do
    QUERYBENCH_READY_FILE="$work/ready" QUERYBENCH_JAVA_OPTIONS="$options -Dquerybench.startup.trace=true" \
      start_until_ready "$work/ready" "$work/out" "$here/target/bin/querybench-app" || exit 1
    sleep 0.8
    echo "[$options] start $i: $READY_MS ms; $(grep -E '\] (init|skeleton shown|workspace open|scene built|first frame on screen)$' "$work/out" \
      | sed -E 's/.*startup +([0-9]+) ms +\[[^]]*\] (.*)/\2 \1/' | paste -sd',')"
    kill "$STARTED_PID"; wait "$STARTED_PID" 2>/dev/null
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
