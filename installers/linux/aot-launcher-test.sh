#!/usr/bin/env bash
# Checks the installed workbench's AOT cache (installers/linux/app-launcher.sh, bin/querybench-app
# of the app image) on the real app image, its real runtime and real files; no display needed:
#   1. no cache yet: the app starts at once, a training run writes the cache in the background
#      (a cache of another version lying there is not used, and is deleted once the new one is
#      written); the folder then holds the new cache only, no lock, no training folder;
#   2. the next start maps that cache (-Xlog:aot says "Opened AOT cache <it>");
#   3. the image changed (its launcher configuration here): another name, so the old cache is not
#      used and a new training run starts;
#   4. a cache folder that cannot be made, and a damaged cache file: the app still starts (exit 0);
#   5. QUERYBENCH_AOT=off: no training run.
# Usage: installers/linux/aot-launcher-test.sh [IMAGE]   (default installers/target/linux/image/QueryBench)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
IMAGE=$(cd "${1:-$ROOT/installers/target/linux/image/QueryBench}" && pwd)
fail() { printf 'aot-launcher-test: FAILED: %s\n' "$*" >&2; exit 1; }
say() { printf '  %s\n' "$*"; }
[ -x "$IMAGE/bin/querybench-app" ] || fail "$IMAGE/bin/querybench-app is missing: run installers/build.sh"
WORK=$(mktemp -d /tmp/querybench-aot-test.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# A copy of the image, so that changing it (step 3) touches nothing the build made.
cp -a "$IMAGE" "$WORK/image"
APP="$WORK/image/bin/querybench-app"
export QUERYBENCH_AOT_DIR="$WORK/aot" QUERYBENCH_AOT_DELAY=0
unset DISPLAY WAYLAND_DISPLAY JAVA_TOOL_OPTIONS QUERYBENCH_AOT

# Waits until no training run holds a lock in the cache folder (at most 10 minutes).
wait_training() {
  local i
  for i in $(seq 1 600); do
    compgen -G "$QUERYBENCH_AOT_DIR/*.lock" >/dev/null || return 0
    sleep 1
  done
  fail "the training run did not end within 10 minutes"
}

mkdir -p "$QUERYBENCH_AOT_DIR"
printf 'not a cache\n' >"$QUERYBENCH_AOT_DIR/querybench-app-0.0.1-12345.aot"
started=$(date +%s)
out=$("$APP" --version 2>&1) || fail "first start: $out"
case "$out" in QueryBench\ *) ;; *) fail "first start printed: $out" ;; esac
printf '%s\n' "$out" | grep -q "AOT" && fail "first start used a cache: $out"
wait_training
caches=$(find "$QUERYBENCH_AOT_DIR" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort)
[ "$(printf '%s\n' "$caches" | wc -l)" = 1 ] || fail "after training the folder holds: $caches"
cache="$QUERYBENCH_AOT_DIR/$caches"
case "$caches" in querybench-app-*.aot) ;; *) fail "no cache after training: $caches ($(cat "$QUERYBENCH_AOT_DIR"/*.failed 2>/dev/null | tail -n 5))" ;; esac
[ "$(stat -c %s "$cache")" -gt 10000000 ] || fail "the cache is only $(stat -c %s "$cache") bytes"
say "1. first start: $out; training wrote $(basename "$cache") ($(( $(stat -c %s "$cache") / 1048576 )) MB) in $(( $(date +%s) - started )) s; the other version's cache is gone"

out=$(JAVA_TOOL_OPTIONS=-Xlog:aot=info "$APP" --version 2>&1) || fail "second start: $out"
printf '%s\n' "$out" | grep -q "Opened AOT cache $cache" || fail "the second start did not open $cache: $(printf '%s\n' "$out" | grep -i aot | head -n 5)"
printf '%s\n' "$out" | grep -qi "unable to map\|error" && fail "the second start could not use the cache: $(printf '%s\n' "$out" | grep -i aot | head -n 5)"
say "2. next start: opened $(basename "$cache")"

# Another build of the app: its launcher configuration differs, so the old cache does not fit.
printf 'java-options=-Dquerybench.test.rebuilt=true\n' >>"$WORK/image/lib/app/QueryBench.cfg"
out=$(JAVA_TOOL_OPTIONS=-Xlog:aot=info "$APP" --version 2>&1) || fail "start after the change: $out"
printf '%s\n' "$out" | grep -q "Opened AOT cache" && fail "the changed image used the old cache: $out"
wait_training
caches=$(find "$QUERYBENCH_AOT_DIR" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort)
[ "$(printf '%s\n' "$caches" | wc -l)" = 1 ] && [ "$caches" != "$(basename "$cache")" ] \
  || fail "after the change the folder holds: $caches (old: $(basename "$cache"))"
say "3. changed image: the old cache was not used, $caches replaced it"

out=$(QUERYBENCH_AOT_DIR=/proc/querybench-no-such-folder "$APP" --version 2>&1) || fail "unwritable cache folder: $out"
new="$QUERYBENCH_AOT_DIR/$caches"
printf 'damaged\n' >"$new"
out2=$("$APP" --version 2>&1) || fail "damaged cache: $out2"
printf '%s\n' "$out2" | grep -q "^QueryBench " || fail "damaged cache: $out2"
say "4. unwritable folder: $out; damaged cache: started (the JVM warns and goes on without it)"

rm -rf "$QUERYBENCH_AOT_DIR"
out=$(QUERYBENCH_AOT=off "$APP" --version 2>&1) || fail "QUERYBENCH_AOT=off: $out"
sleep 1
[ ! -e "$QUERYBENCH_AOT_DIR" ] || fail "QUERYBENCH_AOT=off still made $QUERYBENCH_AOT_DIR"
say "5. QUERYBENCH_AOT=off: $out, no training"
echo "aot-launcher-test: passed"
