#!/usr/bin/env bash
# Installs the .deb in a clean minimal Debian root (debootstrap --variant=minbase), starts the
# installed workbench there under Xvfb, then removes and purges the package, and fails unless:
#   - apt-get installs it with its declared Depends only (no Recommends);
#   - dpkg owns /opt/querybench but not /opt, and dpkg --verify finds every file intact (md5sums);
#   - querybench --version, querybench-app --version and man querybench-run work; without a display
#     querybench-app prints one line (no stack trace) and exits 4;
#   - the main window opens on the sample workspace, its WM_CLASS is the menu entry's
#     StartupWMClass, and the log has no "Unsupported JavaFX configuration" warning;
#   - after remove /opt is still there, and after purge every file and folder of the root outside
#     what apt and dpkg keep (their state, caches and logs) is as it was before the install.
#
# Usage: installers/linux/chroot-test.sh [--deb FILE] [--suite bookworm] [--timeout SECONDS]
# Needs root, debootstrap, Xvfb, xprop, xwd and ImageMagick's convert. The root is made once and
# kept, as a tarball with the downloaded packages beside it, in $QB_CACHE (default
# ~/.cache/querybench); delete it to start afresh. The mirror is the one this machine's apt uses.
# Writes installers/target/linux/chroot-test/ (logs, screenshot.png).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEB=""
SUITE=""
TIMEOUT=180
while [ $# -gt 0 ]; do
  case "$1" in
    --deb) DEB=${2:?--deb needs a file}; shift ;;
    --suite) SUITE=${2:?--suite needs a name}; shift ;;
    --timeout) TIMEOUT=${2:?--timeout needs seconds}; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "chroot-test: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '  %s\n' "$*"; }
fail() { printf 'chroot-test: FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root: it builds a Debian root and chroots into it"
for tool in debootstrap Xvfb xprop xwd; do
  command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install -y debootstrap xvfb x11-utils x11-apps)"
done
[ -x /usr/bin/convert ] || fail "/usr/bin/convert is missing (apt-get install -y imagemagick)"
if [ -z "$DEB" ]; then
  DEB=$(find "$ROOT/installers/target/linux/dist" -maxdepth 1 -name 'querybench_*.deb' | sort | tail -n 1)
  [ -n "$DEB" ] || fail "no querybench_*.deb in installers/target/linux/dist: run installers/build.sh first"
fi
DEB=$(readlink -f "$DEB")
SUITE=${SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")}

# The Debian mirror this machine's apt uses (deb822 sources first, then sources.list).
MIRROR=$(awk '/^URIs:/ {uri=$2} /^Suites:/ && $0 ~ " '"$SUITE"'( |$)" && uri ~ /debian\/?$/ {print uri; exit}' \
  /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
if [ -z "$MIRROR" ] && [ -f /etc/apt/sources.list ]; then
  MIRROR=$(awk -v s="$SUITE" '$1 == "deb" && $3 == s {print $2; exit}' /etc/apt/sources.list)
fi
[ -n "$MIRROR" ] || fail "no Debian mirror for $SUITE in /etc/apt/sources.list(.d)"

OUT="$ROOT/installers/target/linux/chroot-test"
rm -rf "$OUT"
mkdir -p "$OUT"
CACHE=${QB_CACHE:-$HOME/.cache/querybench}
BASE="$CACHE/debian-$SUITE-minbase.tar"
ARCHIVES="$CACHE/debian-$SUITE-archives"
mkdir -p "$CACHE" "$ARCHIVES/partial"
WORK=$(mktemp -d /var/tmp/querybench-chroot.XXXXXX)
R="$WORK/root"
XVFB_PID=""
APP_PID=""
MOUNTS=()

cleanup() {
  local status=$? m
  [ -n "$APP_PID" ] && kill -9 "$APP_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  for ((m = ${#MOUNTS[@]} - 1; m >= 0; m--)); do
    umount -l "${MOUNTS[$m]}" 2>/dev/null || true
  done
  if mount | grep -q " $WORK/"; then
    echo "chroot-test: something is still mounted below $WORK; not deleting it" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)
if [ ! -f "$BASE" ]; then
  echo "making a minimal Debian $SUITE root (debootstrap, once; cached in $BASE)"
  mkdir -p "$WORK/base"
  debootstrap --variant=minbase --cache-dir="$ARCHIVES" "$SUITE" "$WORK/base" "$MIRROR" >"$OUT/debootstrap.log" 2>&1 \
    || { tail -n 20 "$OUT/debootstrap.log" >&2; fail "debootstrap failed (log: $OUT/debootstrap.log)"; }
  tar -C "$WORK/base" -cf "$BASE.partial" . && mv "$BASE.partial" "$BASE"
  rm -rf "$WORK/base"
fi
mkdir -p "$R"
tar -C "$R" -xf "$BASE"
say "fresh root from $BASE ($(( $(date +%s) - started )) s)"

bind() { mkdir -p "$R$2"; mount --bind "$1" "$R$2"; MOUNTS+=("$R$2"); }
mount -t proc proc "$R/proc"; MOUNTS+=("$R/proc")
bind /dev /dev
bind "$ARCHIVES" /var/cache/apt/archives
mkdir -p /tmp/.X11-unix
bind /tmp/.X11-unix /tmp/.X11-unix
cp /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null || true
# QUERYBENCH_AOT=off: no AOT-cache training run left behind in the root (aot-launcher-test.sh checks it).
in_root() { chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive QUERYBENCH_AOT=off "$@"; }
apt_in_root() { in_root apt-get -q -y -o APT::Install-Recommends=false -o APT::Keep-Downloaded-Packages=true "$@"; }

# The package's dependencies first, so that what the package itself changes can be compared.
apt_in_root update >"$OUT/apt-update.log" 2>&1 || fail "apt-get update in the root failed (log: $OUT/apt-update.log)"
DEPENDS=$(dpkg-deb --field "$DEB" Depends)
apt_in_root satisfy "$DEPENDS" >"$OUT/apt-depends.log" 2>&1 \
  || { tail -n 20 "$OUT/apt-depends.log" >&2; fail "the root cannot satisfy Depends: $DEPENDS"; }
# man-db, to read the installed man pages as a user would (its trigger keeps /var/cache/man).
apt_in_root install man-db >>"$OUT/apt-depends.log" 2>&1 || fail "apt-get install man-db failed (log: $OUT/apt-depends.log)"
say "Depends (and man-db) installed ($(( $(date +%s) - started )) s)"

# A listing of every path outside apt's and dpkg's own records, with type, mode, owner, size,
# link target and (for files) SHA-256.
snapshot() {
  ( cd "$R" && find . -xdev \( -path ./proc -o -path ./dev -o -path ./sys -o -path ./run -o -path ./tmp \
      -o -path ./var/tmp -o -path ./var/cache/apt -o -path ./var/lib/apt -o -path ./var/lib/dpkg \
      -o -path ./var/log -o -path ./var/cache/debconf -o -path ./var/cache/man \) -prune -o -printf '%p\t%y\t%m\t%U:%G\t%s\t%l\n' \
    | LC_ALL=C sort ) >"$1.list"
  ( cd "$R" && find . -xdev \( -path ./proc -o -path ./dev -o -path ./sys -o -path ./run -o -path ./tmp \
      -o -path ./var/tmp -o -path ./var/cache/apt -o -path ./var/lib/apt -o -path ./var/lib/dpkg \
      -o -path ./var/log -o -path ./var/cache/debconf -o -path ./var/cache/man \) -prune -o -type f -print0 \
    | LC_ALL=C sort -z | xargs -0 sha256sum ) >"$1.sha256"
}
snapshot "$OUT/before"
[ -d "$R/opt" ] || fail "the minimal root has no /opt to begin with"
OPT_BEFORE=$(stat -c '%a %U:%G' "$R/opt")

cp "$DEB" "$R/tmp/querybench.deb"
apt_in_root install /tmp/querybench.deb >"$OUT/apt-install.log" 2>&1 \
  || { tail -n 20 "$OUT/apt-install.log" >&2; fail "apt-get install of the .deb failed (log: $OUT/apt-install.log)"; }
say "installed $(basename "$DEB") ($(( $(date +%s) - started )) s)"

in_root dpkg -L querybench >"$OUT/dpkg-L.txt"
grep -qx /opt/querybench "$OUT/dpkg-L.txt" || fail "dpkg does not list /opt/querybench as the package's"
! grep -qx /opt "$OUT/dpkg-L.txt" || fail "the package owns /opt (dpkg -L lists it)"
! in_root dpkg -S /opt >/dev/null 2>&1 || fail "some package owns /opt: $(in_root dpkg -S /opt 2>&1)"
in_root dpkg --verify querybench >"$OUT/dpkg-verify.txt" 2>&1 || fail "dpkg --verify: $(cat "$OUT/dpkg-verify.txt")"
[ "$(wc -l <"$R/var/lib/dpkg/info/querybench.md5sums")" -gt 100 ] || fail "the package's md5sums are missing"
for link in querybench querybench-app; do
  in_root dpkg -S "/usr/bin/$link" >/dev/null 2>&1 || fail "dpkg does not own /usr/bin/$link"
done
for file in /usr/share/applications/querybench.desktop /usr/share/icons/hicolor/48x48/apps/querybench.png \
    /usr/share/man/man1/querybench.1.gz /usr/share/man/man1/querybench-run.1.gz /usr/share/man/man1/querybench-app.1.gz \
    /usr/share/doc/querybench/copyright; do
  grep -qx "$file" "$OUT/dpkg-L.txt" || fail "the package does not install $file"
done
in_root man -w querybench >"$OUT/man-w.txt" 2>&1 || fail "man -w querybench: $(cat "$OUT/man-w.txt")"
in_root env MANWIDTH=80 MANPAGER=cat man querybench-run >"$OUT/man-querybench-run.txt" 2>"$OUT/man-errors.txt" \
  || fail "man querybench-run: $(cat "$OUT/man-errors.txt")"
grep -q -- "--workspace" "$OUT/man-querybench-run.txt" || fail "man querybench-run shows no --workspace option"
in_root querybench --version >"$OUT/cli-version.txt" 2>&1 || fail "querybench --version: $(cat "$OUT/cli-version.txt")"
in_root querybench-app --version >"$OUT/app-version.txt" 2>&1 || fail "querybench-app --version: $(cat "$OUT/app-version.txt")"
say "commands: $(head -n 1 "$OUT/cli-version.txt"), $(head -n 1 "$OUT/app-version.txt"); man $(cat "$OUT/man-w.txt"); dpkg --verify clean"
status=0
in_root querybench-app >"$OUT/no-display.txt" 2>&1 || status=$?
[ "$status" = 4 ] && [ "$(wc -l <"$OUT/no-display.txt")" = 1 ] \
  || fail "without a display querybench-app should print one line and exit 4, not ($status): $(head -n 5 "$OUT/no-display.txt")"
say "without a display: $(cat "$OUT/no-display.txt")"

# The workbench on a display of our own.
DISPLAY_NUMBER=""
for n in $(seq 99 140); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then DISPLAY_NUMBER=$n; break; fi
done
[ -n "$DISPLAY_NUMBER" ] || fail "no free X display between :99 and :140"
Xvfb ":$DISPLAY_NUMBER" -screen 0 1600x1000x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$DISPLAY_NUMBER" ] && break; sleep 0.2; done
[ -e "/tmp/.X11-unix/X$DISPLAY_NUMBER" ] || fail "Xvfb :$DISPLAY_NUMBER did not start"
mkdir -p "$R/tmp/home"
# The user of the test is /tmp/home: what the app and its libraries keep per user (the sample
# workspace, the Mesa shader cache) is theirs, not the package's, and goes with that folder.
chroot "$R" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/tmp/home XDG_CACHE_HOME=/tmp/home/.cache LANG=C.UTF-8 DISPLAY=":$DISPLAY_NUMBER" \
  QUERYBENCH_AOT=off QUERYBENCH_HOME=/tmp/home/.querybench QUERYBENCH_READY_FILE=/tmp/ready querybench-app >"$OUT/app.log" 2>&1 &
APP_PID=$!
deadline=$(( $(date +%s) + TIMEOUT ))
while [ ! -f "$R/tmp/ready" ]; do
  kill -0 "$APP_PID" 2>/dev/null || { tail -n 30 "$OUT/app.log" >&2; fail "the app exited before its window appeared (log: $OUT/app.log)"; }
  [ "$(date +%s)" -lt "$deadline" ] || { tail -n 30 "$OUT/app.log" >&2; fail "no main window within $TIMEOUT s"; }
  sleep 0.2
done
say "main window: $(sed -n 's/^window=//p' "$R/tmp/ready") after $(sed -n 's/^startupMillis=//p' "$R/tmp/ready") ms"
sleep 3
wanted=$(sed -n 's/^StartupWMClass=//p' "$R/usr/share/applications/querybench.desktop")
classes=$(DISPLAY=":$DISPLAY_NUMBER" xwininfo -root -children 2>/dev/null | awk '/^ +0x/ {print $1}' \
  | while read -r id; do DISPLAY=":$DISPLAY_NUMBER" xprop -id "$id" WM_CLASS 2>/dev/null; done | grep -v 'not found' || true)
echo "$classes" >"$OUT/wm-class.txt"
grep -q "\"$wanted\"" "$OUT/wm-class.txt" || fail "no window has WM_CLASS '$wanted' (the menu entry's StartupWMClass): $(sort -u "$OUT/wm-class.txt")"
say "WM_CLASS matches StartupWMClass=$wanted"
xwd -root -silent -display ":$DISPLAY_NUMBER" | /usr/bin/convert xwd:- "png:$OUT/screenshot.png"
colours=$(/usr/bin/convert "$OUT/screenshot.png" -format '%k' info:)
[ "$colours" -ge 64 ] || fail "the screenshot has only $colours colours ($OUT/screenshot.png)"
! grep -q "Unsupported JavaFX configuration" "$OUT/app.log" || fail "the app warned: Unsupported JavaFX configuration"
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
[ -d "$R/tmp/home/.querybench/sample-workspace" ] || fail "the app did not write the sample workspace"
say "screenshot $OUT/screenshot.png ($colours colours), no JavaFX warning"

apt_in_root remove querybench >"$OUT/apt-remove.log" 2>&1 || fail "apt-get remove failed (log: $OUT/apt-remove.log)"
[ -d "$R/opt" ] || fail "removing the package removed /opt"
[ "$(stat -c '%a %U:%G' "$R/opt")" = "$OPT_BEFORE" ] || fail "/opt changed: $OPT_BEFORE -> $(stat -c '%a %U:%G' "$R/opt")"
[ ! -e "$R/opt/querybench" ] || fail "/opt/querybench is left after remove: $(find "$R/opt/querybench" | head -n 5)"
# apt knows a package installed from a file only while it is installed: purge through dpkg.
in_root dpkg --purge querybench >"$OUT/dpkg-purge.log" 2>&1 || fail "dpkg --purge failed (log: $OUT/dpkg-purge.log)"
! in_root dpkg -s querybench >/dev/null 2>&1 || fail "dpkg still knows querybench after the purge"
rm -rf "$R/tmp/home" "$R/tmp/ready" "$R/tmp/querybench.deb"
snapshot "$OUT/after"
if ! diff "$OUT/before.list" "$OUT/after.list" >"$OUT/diff.txt" || ! diff "$OUT/before.sha256" "$OUT/after.sha256" >>"$OUT/diff.txt"; then
  head -n 30 "$OUT/diff.txt" >&2
  fail "install, remove and purge left the root changed ($OUT/diff.txt)"
fi
say "after remove and purge: /opt kept, every other path as before ($(wc -l <"$OUT/before.list") paths compared)"
echo "chroot test passed in $(( $(date +%s) - started )) s (Debian $SUITE, $(basename "$DEB"))"
