#!/bin/sh
# The workbench's command in the Linux packages (bin/querybench-app of the app image; /usr/bin/
# querybench-app and the menu entry start it): starts bin/QueryBench with a JDK AOT cache trained
# on this machine, for this exact app image (installers/README.md, "AOT cache of an installed
# app"). The cache (about 70 MB) is not shipped, since the image has no room for it under its
# 200 MB limit:
#   - found for this image: bin/QueryBench starts with -XX:AOTCache=<it>;
#   - not found: bin/QueryBench starts without, and a training run (the same launcher, headless,
#     on a throw-away copy of the sample workspace, -XX:AOTCacheOutput, at the lowest CPU
#     priority) writes it in the background, so the next start uses it; it runs with C1 only, so
#     that the cache holds no method profiles (docs/workbench.md, Start-up);
#   - a cache of another version or runtime is never used (its name carries a checksum of the
#     image's launcher configuration, runtime and jars) and is deleted once a new one is written;
#   - nothing about the cache can stop the app from starting: a folder that cannot be written, a
#     training run that fails (its log is kept as <cache>.failed and it is not tried again for
#     this image) or is killed (no cache appears; the next start tries again).
# Environment: QUERYBENCH_AOT=off starts without any of this; QUERYBENCH_AOT_DIR is where caches
# go (default ${XDG_CACHE_HOME:-~/.cache}/querybench/aot); QUERYBENCH_AOT_DELAY is how many seconds
# the training run waits before it starts (default 15: the user's own start goes first).
self=$0
while [ -L "$self" ]; do
  link=$(readlink "$self")
  case "$link" in
    /*) self=$link ;;
    *) self=$(dirname "$self")/$link ;;
  esac
done
bin=$(cd "$(dirname "$self")" && pwd -P)
image=$(dirname "$bin")
app="$bin/QueryBench"

# The training run (started below by this script itself, in a session of its own).
if [ -n "${QUERYBENCH_AOT_TRAIN:-}" ]; then
  cache=$QUERYBENCH_AOT_TRAIN
  dir=$(dirname "$cache")
  sleep "${QUERYBENCH_AOT_DELAY:-15}"
  work=$(mktemp -d "$dir/training.XXXXXX") || { rmdir "$cache.lock" 2>/dev/null; exit 1; }
  if env -u QUERYBENCH_AOT_TRAIN -u QUERYBENCH_READY_FILE -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS \
      QUERYBENCH_HOME="$work/home" \
      JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$work/app.aot -XX:TieredStopAtLevel=1 -Dquerybench.exitWhenReady=true -Dglass.platform=headless -Dprism.order=sw" \
      nice -n 19 timeout 600 "$app" >"$work/training.log" 2>&1 </dev/null && [ -s "$work/app.aot" ]; then
    # Same folder, so the move is a rename: a start never sees half a cache.
    mv -f "$work/app.aot" "$cache"
    for old in "$dir"/querybench-app-*.aot "$dir"/querybench-app-*.aot.failed; do
      [ "$old" = "$cache" ] || [ ! -e "$old" ] || rm -f "$old"
    done
  else
    cp "$work/training.log" "$cache.failed" 2>/dev/null || : >"$cache.failed"
  fi
  rm -rf "$work"
  rmdir "$cache.lock" 2>/dev/null
  exit 0
fi

if [ "${QUERYBENCH_AOT:-on}" = off ] || [ ! -f "$image/lib/app/QueryBench.cfg" ]; then
  exec "$app" "$@"
fi
dir=${QUERYBENCH_AOT_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/querybench/aot}
version=$(sed -n 's/^java-options=-Djpackage.app-version=//p' "$image/lib/app/QueryBench.cfg" | head -n 1)
# What the JVM checks the cache against: the runtime (its release file and modules), the class
# path and the launcher's options; names, sizes and modification times stand for the files.
key=$( (cat "$image/lib/app/QueryBench.cfg" "$image/lib/runtime/release"
        find "$image/lib/runtime/lib/modules" "$image/lib/app" -name '*.jar' -o -name modules \
          | LC_ALL=C sort | xargs stat -L -c '%n %s %Y') 2>/dev/null | cksum | cut -d' ' -f1)
cache="$dir/querybench-app-${version:-unknown}-$key.aot"

if [ -f "$cache" ]; then
  JAVA_TOOL_OPTIONS="-XX:AOTCache=$cache${JAVA_TOOL_OPTIONS:+ $JAVA_TOOL_OPTIONS}" exec "$app" "$@"
fi
# A lock left by a training run that was killed is stale after 15 minutes.
if [ -d "$cache.lock" ] && [ -n "$(find "$cache.lock" -maxdepth 0 -mmin +15 2>/dev/null)" ]; then
  rmdir "$cache.lock" 2>/dev/null
fi
if [ ! -e "$cache.failed" ] && mkdir -p "$dir" 2>/dev/null && mkdir "$cache.lock" 2>/dev/null; then
  if command -v setsid >/dev/null 2>&1; then
    QUERYBENCH_AOT_TRAIN=$cache setsid "$self" </dev/null >/dev/null 2>&1 &
  else
    QUERYBENCH_AOT_TRAIN=$cache nohup "$self" </dev/null >/dev/null 2>&1 &
  fi
fi
exec "$app" "$@"
