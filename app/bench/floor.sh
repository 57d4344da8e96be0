#!/bin/bash
# The workbench's start against the floor of any JavaFX start on the same machine, alternated
# start by start: floor/Floor.java (one label in a 1360x860 window, ready file at the same frame
# as the workbench's, with an AOT cache of its own trained like the workbench's: C1 only) and the
# built launcher app/target/bin/querybench-app on a home with one stored run (BENCH_HOME, see
# startup.sh; a fresh sample home when unset). Needs an X display in DISPLAY and the app built.
#   app/bench/floor.sh [rounds]
set -u
rounds=${1:-8}
here=$(cd "$(dirname "$0")/.." && pwd -P)
java="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
modules=$(ls "$here"/target/lib/javafx-*-*-*.jar | paste -sd:)
"${JAVA_HOME}/bin/javac" -d "$work/classes" --module-path "$modules" --add-modules javafx.controls \
  "$here/bench/floor/Floor.java" || exit 1
"${JAVA_HOME}/bin/jar" cf "$work/floor.jar" -C "$work/classes" .
floor() { # exec: the measured process is the JVM itself, so its id is the one ended
  exec "$java" "$@" --module-path "$modules" --add-modules javafx.controls \
    --enable-native-access=javafx.graphics,ALL-UNNAMED -cp "$work/floor.jar" Floor
}
(FLOOR_READY="$work/trained" FLOOR_EXIT=1 floor -XX:AOTCacheOutput="$work/floor.aot" -XX:TieredStopAtLevel=1 \
  > "$work/training.log" 2>&1) || { cat "$work/training.log"; exit 1; }
export QUERYBENCH_HOME="${BENCH_HOME:-$work/home}"
# shellcheck source=app/bench/lib.sh
. "$here/bench/lib.sh"
measure() { # name, ready file, command...
  local name=$1 ready=$2
  shift 2
  start_until_ready "$ready" "$work/out" "$@" || exit 1
  kill "$STARTED_PID"; wait "$STARTED_PID" 2>/dev/null
  printf '%s=%d ' "$name" "$READY_MS"
  sleep 0.5
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$rounds"); do
  printf 'round %d: ' "$i"
  FLOOR_READY="$work/floor.ready" measure floor "$work/floor.ready" floor -XX:AOTCache="$work/floor.aot"
  QUERYBENCH_READY_FILE="$work/app.ready" measure querybench "$work/app.ready" "$here/target/bin/querybench-app"
  echo
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
