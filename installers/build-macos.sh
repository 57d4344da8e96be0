#!/usr/bin/env bash
# Builds the macOS installer of the QueryBench workbench with jpackage, on a Mac:
#   installers/target/mac/image/QueryBench.app                 the app bundle (Contents/MacOS/QueryBench
#                                                              and Contents/MacOS/querybench, the CLI)
#   installers/target/mac/dist/QueryBench-<version>-<arch>.dmg  the disk image to hand out
#
# Usage: installers/build-macos.sh [--skip-maven]
# Needs JDK 25 for the Mac's architecture (JAVA_HOME, else /usr/libexec/java_home -v 25) and the
# Xcode command line tools (xcode-select --install). The .dmg is unsigned unless
# QB_MAC_SIGN_IDENTITY names a "Developer ID Application" certificate in the keychain; notarize a
# signed .dmg with xcrun notarytool before handing it out (see installers/README.md).
# macOS bundle versions may not start with 0: while QueryBench is 0.y.z the bundle says 1.y.z,
# the .dmg's file name keeps the real version.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=installers/common.sh
. installers/common.sh

SKIP_MAVEN=false
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-maven) SKIP_MAVEN=true ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done

[ "$(uname -s)" = Darwin ] || die "build-macos.sh runs on macOS; use build.sh on Linux and build.ps1 on Windows"
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/libexec/java_home ]; then
  JAVA_HOME=$(/usr/libexec/java_home -v 25 2>/dev/null) || die "no JDK 25 found by /usr/libexec/java_home; set JAVA_HOME"
fi
find_jdk
PLATFORM=$(prep host)
OUT="$ROOT/installers/target/mac"
mkdir -p "$OUT"

SIGN=()
if [ -n "${QB_MAC_SIGN_IDENTITY:-}" ]; then
  SIGN=(--mac-sign --mac-signing-key-user-name "$QB_MAC_SIGN_IDENTITY")
fi

build_jars
build_app_image mac @installers/jpackage/mac.args ${SIGN[@]+"${SIGN[@]}"}

log ".dmg"
rm -rf "$OUT/dist"
mkdir -p "$OUT/dist"
"$JAVA_HOME/bin/jpackage" --type dmg @installers/jpackage/common.args @installers/jpackage/mac.args \
  ${SIGN[@]+"${SIGN[@]}"} --app-version "$VERSION" --input "$OUT/input" --runtime-image "$OUT/runtime" \
  --dest "$OUT/dist"
built=$(find "$OUT/dist" -maxdepth 1 -name '*.dmg' | head -n 1)
[ -n "$built" ] || die "jpackage made no .dmg in $OUT/dist"
real_version=$(printf '%s' "$MAVEN_VERSION" | sed -E 's/^([0-9]+(\.[0-9]+){0,2}).*/\1/')
mv "$built" "$OUT/dist/QueryBench-$real_version-${PLATFORM#mac-}.dmg"

print_outputs
