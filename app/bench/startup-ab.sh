#!/bin/bash
# Start-up of two builds of the workbench, alternating, so that drift on a shared machine hits
# both alike: from starting each tree's app/target/bin/querybench-app to its ready file (see
# startup.sh). Each tree keeps its own fresh QUERYBENCH_HOME (start 1 writes the sample). Needs
# an X display in DISPLAY. Each started app is ended by its own process id after it was measured.
# BENCH_HOME: a home to copy for each tree instead (one with a stored run, see startup.sh).
#   app/bench/startup-ab.sh TREE_A TREE_B [rounds]
set -u
a=${1:?first repository root}
b=${2:?second repository root}
rounds=${3:-6}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=app/bench/lib.sh
. "$(dirname "$0")/lib.sh"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$rounds"); do
  for tree in "$a" "$b"; do
    name=$(basename "$tree")
    mkdir -p "$work/$name"
    if [ -n "${BENCH_HOME:-}" ] && [ ! -d "$work/$name/home" ]; then
      cp -r "$BENCH_HOME" "$work/$name/home"
    fi
    ready="$work/$name/ready.$i"
    QUERYBENCH_HOME="$work/$name/home" QUERYBENCH_READY_FILE="$ready" \
      start_until_ready "$ready" "$work/$name/out.$i" "$tree/app/target/bin/querybench-app" || exit 1
    echo "$name start $i: $READY_MS ms to the first frame (load $(cut -d' ' -f1 /proc/loadavg))"
    sleep 1
    kill "$STARTED_PID"; wait "$STARTED_PID" 2>/dev/null
  done
done
