#!/usr/bin/env bash
# Checks the launchers of a build (engine/target/bin/querybench, app/target/bin/querybench-app)
# and java -jar on both jars, with Java 25 and with an older Java:
#   - JAVA_HOME at a JDK 25: --version prints and exits 0 (the workbench's too, without a display);
#   - querybench starts its JVM with the command line's options, and QUERYBENCH_JAVA_OPTIONS overrides them;
#   - querybench-app starts its JVM with the workbench's memory options (docs/workbench.md, "Memory");
#   - JAVA_HOME unset and an older java first on PATH, JAVA_HOME at an older JDK, and java -jar
#     run by an older java: one line naming the Java found and what to install, exit 4.
# Usage: installers/launchers/launcher-test.sh OLD_JAVA   (e.g. /usr/lib/jvm/java-17-openjdk-amd64/bin/java)
# JAVA_HOME must be a JDK 25.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OLD_JAVA=${1:?usage: launcher-test.sh OLD_JAVA}
: "${JAVA_HOME:?JAVA_HOME must point at a JDK 25}"
fail() { printf 'launcher-test: FAILED: %s\n' "$*" >&2; exit 1; }
CLI="$ROOT/engine/target/bin/querybench"
APP="$ROOT/app/target/bin/querybench-app"
for file in "$CLI" "$APP"; do [ -x "$file" ] || fail "$file is missing: run ./mvnw -B -DskipTests package"; done
OLD_HOME=$(dirname "$(dirname "$(readlink -f "$OLD_JAVA")")")
OLD_BIN=$(mktemp -d)
trap 'rm -rf "$OLD_BIN"' EXIT
ln -s "$(readlink -f "$OLD_JAVA")" "$OLD_BIN/java"
SENTENCE='QueryBench needs Java 25 or newer, but .* is Java [0-9][0-9.]*.*: install a JDK 25 (for example Eclipse Temurin 25) and set JAVA_HOME to it.'

expect_sentence() {
  local what=$1; shift
  local out status=0
  out=$("$@" 2>&1) || status=$?
  [ "$status" = 4 ] || fail "$what: exit $status, not 4: $out"
  [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || fail "$what: more than one line: $out"
  printf '%s\n' "$out" | grep -q "^$SENTENCE\$" || fail "$what: not the sentence: $out"
  printf '  %-44s %s\n' "$what:" "$out"
}

out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$CLI" --version) || fail "querybench --version with JAVA_HOME=$JAVA_HOME: $out"
out2=$(env -u DISPLAY -u WAYLAND_DISPLAY "$APP" --version) || fail "querybench-app --version with JAVA_HOME=$JAVA_HOME: $out2"
echo "  with JAVA_HOME at Java 25: $out / $out2"
# QUERYBENCH_JAVA_OPTIONS reaches the workbench's JVM too
flags=$(env -u DISPLAY -u WAYLAND_DISPLAY QUERYBENCH_JAVA_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+PrintCommandLineFlags" "$APP" --version 2>&1) \
  || fail "querybench-app with QUERYBENCH_JAVA_OPTIONS: $flags"
printf '%s\n' "$flags" | grep -q -- -XX:TieredStopAtLevel=1 || fail "QUERYBENCH_JAVA_OPTIONS does not reach querybench-app's JVM: $flags"
echo "  querybench-app: QUERYBENCH_JAVA_OPTIONS reaches its JVM"
# the workbench's JVM gives memory back after heavy work (docs/workbench.md, "Memory")
for flag in -XX:GCTimeRatio=4 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:G1PeriodicGCInterval=30000; do
  printf '%s\n' "$flags" | grep -q -- "$flag" || fail "querybench-app does not start its JVM with $flag: $flags"
done
props=$(env -u DISPLAY -u WAYLAND_DISPLAY QUERYBENCH_JAVA_OPTIONS=-XshowSettings:properties "$APP" --version 2>&1) \
  || fail "querybench-app with -XshowSettings: $props"
printf '%s\n' "$props" | grep -q -- "jdk.reflect.useNativeAccessorOnly = true" \
  || fail "querybench-app does not start its JVM with -Djdk.reflect.useNativeAccessorOnly=true: $props"
echo "  querybench-app's JVM: G1 that gives memory back (GC time ratio, heap free ratios, periodic GC), native reflection"
# the command line's JVM options (docs/cli-startup.md), and QUERYBENCH_JAVA_OPTIONS after them
flags=$(QUERYBENCH_JAVA_OPTIONS=-XX:+PrintCommandLineFlags "$CLI" --version 2>&1) || fail "querybench with QUERYBENCH_JAVA_OPTIONS: $flags"
for flag in -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:InitialHeapSize=33554432 -XX:UserThreadWaitAttemptsAtExit=0; do
  printf '%s\n' "$flags" | grep -q -- "$flag" || fail "querybench does not start its JVM with $flag: $flags"
done
flags=$(QUERYBENCH_JAVA_OPTIONS="-XX:TieredStopAtLevel=4 -XX:+PrintCommandLineFlags" "$CLI" --version 2>&1) \
  || fail "querybench with an overriding QUERYBENCH_JAVA_OPTIONS: $flags"
printf '%s\n' "$flags" | grep -q -- -XX:TieredStopAtLevel=4 || fail "QUERYBENCH_JAVA_OPTIONS does not override: $flags"
props=$(QUERYBENCH_JAVA_OPTIONS=-XshowSettings:properties "$CLI" --version 2>&1) || fail "querybench with -XshowSettings: $props"
printf '%s\n' "$props" | grep -q -- "jdk.reflect.useNativeAccessorOnly = true" \
  || fail "querybench does not start its JVM with -Djdk.reflect.useNativeAccessorOnly=true: $props"
echo "  querybench's JVM: C1 only, serial collector, 32 MB initial heap, no wait at exit, native reflection; QUERYBENCH_JAVA_OPTIONS overrides"
expect_sentence "querybench, older java on PATH" env -u JAVA_HOME PATH="$OLD_BIN:/usr/bin:/bin" "$CLI" --version
expect_sentence "querybench-app, older java on PATH" env -u JAVA_HOME PATH="$OLD_BIN:/usr/bin:/bin" "$APP" --help
expect_sentence "querybench-app, JAVA_HOME at the older JDK" env JAVA_HOME="$OLD_HOME" "$APP"
expect_sentence "java -jar querybench-engine.jar, older java" "$OLD_JAVA" -jar "$ROOT/engine/target/querybench-engine.jar" --version
expect_sentence "java -jar querybench-app.jar, older java" "$OLD_JAVA" -jar "$ROOT/app/target/querybench-app.jar"
echo "launcher test passed"
