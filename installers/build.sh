#!/usr/bin/env bash
# Builds the Linux installers of the QueryBench workbench with jpackage:
#   installers/target/linux/image/QueryBench/   the app image (bin/QueryBench, bin/querybench, runtime)
#   installers/target/linux/dist/querybench_<version>_<arch>.deb
#   installers/target/linux/dist/querybench-<version>-1.<arch>.rpm   (when rpmbuild is installed)
#
# Usage: installers/build.sh [--skip-maven] [--types "app-image deb rpm"]
#   --skip-maven  use app/target as it is (default: ./mvnw package first)
#   --types       what to build; default: app-image, deb when dpkg-deb is there, rpm when rpmbuild is
# Needs JDK 25 (JAVA_HOME), and for the .deb: dpkg-deb and fakeroot; for the .rpm: rpmbuild.
# Environment: QB_MAX_IMAGE_MB (default 200) fails the build when the app image is larger.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=installers/common.sh
. installers/common.sh

SKIP_MAVEN=false
TYPES=""
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-maven) SKIP_MAVEN=true ;;
    --types) TYPES=${2:?--types needs a value}; shift ;;
    --types=*) TYPES=${1#--types=} ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done
if [ -z "$TYPES" ]; then
  TYPES="app-image"
  command -v dpkg-deb >/dev/null && TYPES="$TYPES deb"
  command -v rpmbuild >/dev/null && TYPES="$TYPES rpm"
fi

[ "$(uname -s)" = Linux ] || die "build.sh builds the Linux installers; use build-macos.sh on macOS and build.ps1 on Windows"
find_jdk
PLATFORM=$(prep host)
OUT="$ROOT/installers/target/linux"
mkdir -p "$OUT"

build_jars
build_app_image linux @installers/jpackage/linux.args

# What the workbench needs from the system beyond the runtime's own libraries (jpackage adds
# those itself): GTK 3 for JavaFX's windows, OpenGL and XF86VidMode for its renderer, XTest, and
# the font stack. Debian 13 / Ubuntu 24.04 renamed libgtk-3-0 to libgtk-3-0t64.
DEB_DEPS="libgtk-3-0 | libgtk-3-0t64, libxtst6, libxxf86vm1, libgl1, libfreetype6, libfontconfig1, libpango-1.0-0"
# RPM names differ per distribution; the shared-library capabilities do not.
RPM_DEPS="libgtk-3.so.0()(64bit), libXtst.so.6()(64bit), libXxf86vm.so.1()(64bit), libGL.so.1()(64bit), libfreetype.so.6()(64bit), libfontconfig.so.1()(64bit)"

# The packages are built from the same input and runtime as the app image rather than from the
# image itself: packaging an app image ignores the command line launcher's linux-shortcut=false
# and would put it in the menu.
package() {
  "$JAVA_HOME/bin/jpackage" --type "$1" @installers/jpackage/common.args @installers/jpackage/linux.args \
    --app-version "$VERSION" --input "$OUT/input" --runtime-image "$OUT/runtime" \
    @installers/jpackage/linux-package.args --linux-package-deps "$2" --dest "$OUT/dist"
}

rm -rf "$OUT/dist"
mkdir -p "$OUT/dist"
for type in $TYPES; do
  case "$type" in
    app-image) ;;
    deb)
      command -v dpkg-deb >/dev/null || die "a .deb needs dpkg-deb (apt-get install -y dpkg-dev fakeroot)"
      log ".deb"
      package deb "$DEB_DEPS"
      ;;
    rpm)
      command -v rpmbuild >/dev/null || die "an .rpm needs rpmbuild (apt-get install -y rpm, or dnf install rpm-build)"
      log ".rpm"
      package rpm "$RPM_DEPS"
      ;;
    *) die "unknown type $type: app-image, deb or rpm" ;;
  esac
done

print_outputs
