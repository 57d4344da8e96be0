#!/bin/bash
# Start-up benchmark of the workbench: from starting the built launcher (app/target/bin/querybench-app)
# to the ready file the app writes once the main window's first frame is on screen
# (QUERYBENCH_READY_FILE, see docs/workbench.md, Start-up). Needs an X display (Xvfb is fine) in
# DISPLAY. The first start writes the sample workspace under a fresh QUERYBENCH_HOME; the next
# ones are warm. Each started app is ended by its own process id after it was measured.
#   app/bench/startup.sh [runs] [plain|aot]
# "plain" moves the AOT cache (app/target/querybench-app.aot) aside for the measurement.
# BENCH_LAUNCHER starts another launcher (an app image's bin/querybench-app); BENCH_HOME keeps
# QUERYBENCH_HOME across calls (then only the very first start writes the sample); a home with one
# stored run, as the package's AOT training uses: java -cp <app test class path>
# dev.querybench.app.bench.AotTrainingHome <home>;
# QUERYBENCH_JAVA_OPTIONS reaches the build launcher (-XX:TieredStopAtLevel=4: C2 as before).
# With -Dquerybench.startup.trace=true there (or in JDK_JAVA_OPTIONS) each start also prints, in
# JVM uptime, when the first frame and the latest stored run were on screen (waiting up to 5 s).
set -u
runs=${1:-5}
mode=${2:-aot}
here=$(cd "$(dirname "$0")/.." && pwd -P)
launcher="${BENCH_LAUNCHER:-$here/target/bin/querybench-app}"
aot="$here/target/querybench-app.aot"
work=$(mktemp -d)
# shellcheck source=app/bench/lib.sh
. "$here/bench/lib.sh"
export QUERYBENCH_HOME="${BENCH_HOME:-$work/home}"
if [ "$mode" = plain ] && [ -f "$aot" ]; then
  mv "$aot" "$work/aside.aot"
  trap 'mv "$work/aside.aot" "$aot"' EXIT
fi
echo "mode=$mode load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  ready="$work/ready.$i"
  QUERYBENCH_READY_FILE="$ready" start_until_ready "$ready" "$work/out.$i" "$launcher" || exit 1
  echo "start $i: $READY_MS ms to the first frame ($(grep startupMillis "$ready"))"
  sleep 1
  if grep -q "querybench startup" "$work/out.$i"; then
    for _ in $(seq 1 40); do grep -q "latest run on screen" "$work/out.$i" && break; sleep 0.1; done
    echo "  trace (JVM uptime): $(grep -E "workspace open|scene built|first frame on screen|latest run (shown|on screen)" "$work/out.$i" \
      | sed -E 's/.*startup +([0-9]+) ms +\[[^]]*\] (.*)/\2 \1 ms/' | paste -sd';')"
  fi
  kill "$STARTED_PID"; wait "$STARTED_PID" 2>/dev/null
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
