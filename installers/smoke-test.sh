#!/usr/bin/env bash
# Installs the .deb built by installers/build.sh, starts the INSTALLED workbench under Xvfb on the
# sample workspace, waits for its ready signal (QUERYBENCH_READY_FILE, written once the main
# window's first frame is laid out), takes a screenshot of the X display, then stops the app and
# removes the package again. Fails, with the app's log, unless the main window appears.
#
# Usage: installers/smoke-test.sh [--deb FILE] [--runs N] [--timeout SECONDS] [--keep-installed]
#   --deb             the package (default: the one in installers/target/linux/dist)
#   --runs            start the app N times (default 1): the first on a fresh QUERYBENCH_HOME
#                     (writes the sample workspace), the others warm; each start is timed
#   --timeout         seconds to wait for the main window per start (default 180)
#   --keep-installed  leave the package installed at the end
# Needs root (apt-get, dpkg), Xvfb, xwd (x11-apps) and ImageMagick's convert.
# Writes installers/target/linux/smoke/: screenshot.png, app-<n>.log, startup.tsv.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

PACKAGE=querybench
DEB=""
RUNS=1
TIMEOUT=180
KEEP_INSTALLED=false
while [ $# -gt 0 ]; do
  case "$1" in
    --deb) DEB=${2:?--deb needs a file}; shift ;;
    --runs) RUNS=${2:?--runs needs a number}; shift ;;
    --timeout) TIMEOUT=${2:?--timeout needs seconds}; shift ;;
    --keep-installed) KEEP_INSTALLED=true ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "smoke-test: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '  %s\n' "$*"; }
fail() { printf 'smoke-test: FAILED: %s\n' "$*" >&2; exit 1; }

OUT="$ROOT/installers/target/linux/smoke"
rm -rf "$OUT"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/querybench-smoke.XXXXXX)
XVFB_PID=""
APP_PID=""
INSTALLED_BY_US=false

cleanup() {
  local status=$?
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    sleep 2
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  if [ -n "$XVFB_PID" ]; then
    kill "$XVFB_PID" 2>/dev/null || true
  fi
  if [ "$INSTALLED_BY_US" = true ] && [ "$KEEP_INSTALLED" != true ]; then
    echo "  removing the $PACKAGE package"
    apt-get -o DPkg::Lock::Timeout=600 purge -y -q "$PACKAGE" >"$OUT/apt-remove.log" 2>&1 \
      || echo "  could not remove $PACKAGE: see $OUT/apt-remove.log" >&2
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" = 0 ] || fail "run as root: the test installs the package with apt-get"
for tool in Xvfb xwd; do
  command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install -y xvfb x11-apps imagemagick)"
done
# ImageMagick by its full path: another 'convert' may come first on the PATH.
CONVERT=/usr/bin/convert
[ -x "$CONVERT" ] || fail "$CONVERT is missing (apt-get install -y imagemagick)"

if [ -z "$DEB" ]; then
  DEB=$(find installers/target/linux/dist -maxdepth 1 -name "${PACKAGE}_*.deb" 2>/dev/null | sort | tail -n 1)
  [ -n "$DEB" ] || fail "no ${PACKAGE}_*.deb in installers/target/linux/dist: run installers/build.sh first"
fi
DEB=$(readlink -f "$DEB")

echo "installing $DEB ($(du -h "$DEB" | cut -f1))"
if dpkg -s "$PACKAGE" >/dev/null 2>&1; then
  say "$PACKAGE is installed already: removing it first, so this very file is what gets tested"
  apt-get -o DPkg::Lock::Timeout=600 purge -y -q "$PACKAGE" >"$OUT/apt-remove-old.log" 2>&1 \
    || fail "could not remove the installed $PACKAGE (see $OUT/apt-remove-old.log)"
fi
INSTALLED_BY_US=true
if ! apt-get -o DPkg::Lock::Timeout=600 install -y -q "$DEB" >"$OUT/apt-install.log" 2>&1; then
  say "apt-get install failed; updating the package lists once and trying again"
  apt-get -o DPkg::Lock::Timeout=600 update -q >>"$OUT/apt-install.log" 2>&1 || true
  if ! apt-get -o DPkg::Lock::Timeout=600 install -y -q "$DEB" >>"$OUT/apt-install.log" 2>&1; then
    tail -n 30 "$OUT/apt-install.log" >&2
    fail "apt-get install $DEB failed (log: $OUT/apt-install.log)"
  fi
fi
APP_COMMAND=$(command -v querybench-app) || fail "the package installed no querybench-app command on the PATH"
say "installed: $APP_COMMAND -> $(readlink -f "$APP_COMMAND"), $(du -sh /opt/querybench | cut -f1) in /opt/querybench"
querybench --help >"$OUT/cli-help.txt" 2>&1 || fail "the installed 'querybench --help' failed: $(tail -n 5 "$OUT/cli-help.txt")"
say "installed command line: querybench --help works"

# A display of our own: the first free number from 99 on.
DISPLAY_NUMBER=""
for n in $(seq 99 140); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then
    DISPLAY_NUMBER=$n
    break
  fi
done
[ -n "$DISPLAY_NUMBER" ] || fail "no free X display number between :99 and :140"
Xvfb ":$DISPLAY_NUMBER" -screen 0 1600x1000x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 50); do
  [ -e "/tmp/.X11-unix/X$DISPLAY_NUMBER" ] && break
  kill -0 "$XVFB_PID" 2>/dev/null || fail "Xvfb :$DISPLAY_NUMBER did not start: $(cat "$OUT/xvfb.log")"
  sleep 0.2
done
[ -e "/tmp/.X11-unix/X$DISPLAY_NUMBER" ] || fail "Xvfb :$DISPLAY_NUMBER did not open its socket in 10 s"
say "Xvfb on :$DISPLAY_NUMBER (1600x1000)"

printf 'run\thome\tlaunch_to_ready_ms\tprocess_start_to_ready_ms\n' >"$OUT/startup.tsv"
HOME_DIR="$WORK/querybench-home"
for run in $(seq 1 "$RUNS"); do
  kind=warm
  [ "$run" = 1 ] && kind=fresh
  ready="$WORK/ready-$run"
  log="$OUT/app-$run.log"
  started=$(date +%s%N)
  DISPLAY=":$DISPLAY_NUMBER" QUERYBENCH_HOME="$HOME_DIR" QUERYBENCH_READY_FILE="$ready" \
    "$APP_COMMAND" >"$log" 2>&1 &
  APP_PID=$!
  deadline=$(( $(date +%s) + TIMEOUT ))
  while [ ! -f "$ready" ]; do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      wait "$APP_PID" && code=0 || code=$?
      APP_PID=""
      tail -n 40 "$log" >&2
      fail "run $run: the app exited (status $code) before its main window appeared; log: $log"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      xwd -root -silent -display ":$DISPLAY_NUMBER" | "$CONVERT" xwd:- "png:$OUT/timeout-$run.png" || true
      tail -n 40 "$log" >&2
      fail "run $run: no main window within $TIMEOUT s (screen: $OUT/timeout-$run.png, log: $log)"
    fi
    sleep 0.1
  done
  elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
  cp "$ready" "$OUT/ready-$run.txt"
  title=$(sed -n 's/^window=//p' "$ready")
  self=$(sed -n 's/^startupMillis=//p' "$ready")
  case "$title" in
    *QueryBench*) ;;
    *) fail "run $run: the ready file names the window '$title', not a QueryBench window" ;;
  esac
  say "run $run ($kind): main window '$title' after $elapsed ms from launch ($self ms from process start)"
  printf '%s\t%s\t%s\t%s\n' "$run" "$kind" "$elapsed" "$self" >>"$OUT/startup.tsv"

  if [ "$run" = "$RUNS" ]; then
    # Give the view models' background reads (schema, dataset, runs) a moment to fill the window.
    sleep 3
    xwd -root -silent -display ":$DISPLAY_NUMBER" | "$CONVERT" xwd:- "png:$OUT/screenshot.png" \
      || fail "could not take a screenshot of :$DISPLAY_NUMBER"
    colours=$("$CONVERT" "$OUT/screenshot.png" -format '%k' info:)
    [ "$colours" -ge 64 ] || fail "the screenshot has only $colours colours: the window looks empty ($OUT/screenshot.png)"
    say "screenshot: $OUT/screenshot.png ($colours colours)"
  fi

  kill "$APP_PID"
  for _ in $(seq 1 100); do
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$APP_PID" 2>/dev/null; then
    say "run $run: the app did not stop on SIGTERM within 10 s; killing it"
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
done

[ -d "$HOME_DIR/sample-workspace" ] || fail "the app did not write the sample workspace to QUERYBENCH_HOME"
echo "smoke test passed: the installed workbench opened the sample workspace ($RUNS start(s), $OUT/startup.tsv)"
