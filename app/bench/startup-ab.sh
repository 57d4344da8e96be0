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
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$rounds"); do
  for tree in "$a" "$b"; do
    name=$(basename "$tree")
    mkdir -p "$work/$name"
    if [ -n "${BENCH_HOME:-}" ] && [ ! -d "$work/$name/home" ]; then
      cp -r "$BENCH_HOME" "$work/$name/home"
    fi
    ready="$work/$name/ready.$i"
    start=$(date +%s%N)
    QUERYBENCH_HOME="$work/$name/home" QUERYBENCH_READY_FILE="$ready" "$tree/app/target/bin/querybench-app" \
      > "$work/$name/out.$i" 2>&1 &
    pid=$!
    while [ ! -f "$ready" ]; do
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "$name start $i: the app ended before its window was ready:"; cat "$work/$name/out.$i"; exit 1
      fi
      sleep 0.01
    done
    end=$(date +%s%N)
    echo "$name start $i: $(( (end - start) / 1000000 )) ms to the first frame (load $(cut -d' ' -f1 /proc/loadavg))"
    sleep 1
    kill "$pid"; wait "$pid" 2>/dev/null
  done
done
