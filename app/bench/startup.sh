#!/bin/bash
# Start-up benchmark of the workbench: from starting the built launcher (app/target/bin/querybench-app)
# to the ready file the app writes once the main window's first frame is on screen
# (QUERYBENCH_READY_FILE, see docs/workbench.md, Start-up). Needs an X display (Xvfb is fine) in
# DISPLAY. The first start writes the sample workspace under a fresh QUERYBENCH_HOME; the next
# ones are warm. Each started app is ended by its own process id after it was measured.
#   app/bench/startup.sh [runs] [plain|aot]
# "plain" moves the AOT cache (app/target/querybench-app.aot) aside for the measurement.
# BENCH_LAUNCHER starts another launcher (an app image's bin/querybench-app); BENCH_HOME keeps
# QUERYBENCH_HOME across calls (then only the very first start writes the sample);
# QUERYBENCH_JAVA_OPTIONS reaches the build launcher (-XX:TieredStopAtLevel=4: C2 as before).
set -u
runs=${1:-5}
mode=${2:-aot}
here=$(cd "$(dirname "$0")/.." && pwd -P)
launcher="${BENCH_LAUNCHER:-$here/target/bin/querybench-app}"
aot="$here/target/querybench-app.aot"
work=$(mktemp -d)
export QUERYBENCH_HOME="${BENCH_HOME:-$work/home}"
if [ "$mode" = plain ] && [ -f "$aot" ]; then
  mv "$aot" "$work/aside.aot"
  trap 'mv "$work/aside.aot" "$aot"' EXIT
fi
echo "mode=$mode load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  ready="$work/ready.$i"
  start=$(date +%s%N)
  QUERYBENCH_READY_FILE="$ready" "$launcher" > "$work/out.$i" 2>&1 &
  pid=$!
  while [ ! -f "$ready" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "start $i: the app ended before its window was ready:"; cat "$work/out.$i"; exit 1
    fi
    sleep 0.01
  done
  end=$(date +%s%N)
  echo "start $i: $(( (end - start) / 1000000 )) ms to the first frame ($(grep startupMillis "$ready"))"
  sleep 1
  kill "$pid"; wait "$pid" 2>/dev/null
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
