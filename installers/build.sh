#!/usr/bin/env bash
# Builds the Linux installers of the QueryBench workbench (installers/README.md):
#   installers/target/linux/image/QueryBench/   the app image (jpackage; bin/QueryBench, bin/querybench, runtime)
#   installers/target/linux/dist/querybench_<version>-1_amd64.deb
#   installers/target/linux/dist/querybench-<version>-1.x86_64.rpm     (when rpmbuild is installed)
#   installers/target/linux/dist/QueryBench-<version>-linux-x64.tar.gz  (portable archive)
#   and <artefact>.sha256 beside each (and <artefact>.asc when QB_SIGN_KEY is set)
#
# Usage: installers/build.sh [--skip-maven] [--types "app-image deb rpm tar"] [--lint]
#   --skip-maven  use app/target as it is (default: ./mvnw package first)
#   --types       what to build; default: app-image, tar, deb when dpkg-deb is there, rpm when rpmbuild is
#   --lint        check the .deb with lintian and the .rpm with rpmlint (installers/linux/lint.sh);
#                 fails on any finding not in their override files
# Needs JDK 25 (JAVA_HOME), binutils (strip, readelf), xz, and for the .rpm: rpmbuild.
# Environment: QB_MAX_IMAGE_MB (default 200) fails the build when the app image is larger;
#   QB_SIGN_KEY (a GnuPG key id) signs the artefacts, QB_SIGN_PASSPHRASE_FILE unlocks it;
#   QB_MAINTAINER "Name <address>" overrides the packages' maintainer; SOURCE_DATE_EPOCH.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=installers/common.sh
. installers/common.sh

SKIP_MAVEN=false
TYPES=""
LINT=false
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-maven) SKIP_MAVEN=true ;;
    --types) TYPES=${2:?--types needs a value}; shift ;;
    --types=*) TYPES=${1#--types=} ;;
    --lint) LINT=true ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done
if [ -z "$TYPES" ]; then
  TYPES="app-image tar"
  command -v dpkg-deb >/dev/null && TYPES="$TYPES deb"
  command -v rpmbuild >/dev/null && TYPES="$TYPES rpm"
fi

[ "$(uname -s)" = Linux ] || die "build.sh builds the Linux installers; use build-macos.sh on macOS and build.ps1 on Windows"
for tool in strip readelf xz ar; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y binutils xz-utils, or dnf install binutils xz)"
done
find_jdk
PLATFORM=$(prep host)
OUT="$ROOT/installers/target/linux"
mkdir -p "$OUT"

build_jars
[ -d app/target/man/man1 ] || die "app/target/man/man1 is missing: run ./mvnw -B -DskipTests package (it renders the man pages)"
build_app_image linux @installers/jpackage/linux.args
# The workbench's command: bin/QueryBench with an AOT cache trained on the user's machine
# (installers/linux/app-launcher.sh); /usr/bin/querybench-app and the portable archive start it.
install -m 0755 installers/linux/app-launcher.sh "$IMAGE_DIR/bin/querybench-app"
# shellcheck source=installers/linux/package.sh
. installers/linux/package.sh

rm -rf "$OUT/dist"
mkdir -p "$OUT/dist"
licence_files
echo "licence: $PKG_LICENSE"
for type in $TYPES; do
  case "$type" in
    app-image) ;;
    deb)
      log ".deb"
      build_deb
      ;;
    rpm)
      command -v rpmbuild >/dev/null || die "an .rpm needs rpmbuild (apt-get install -y rpm, or dnf install rpm-build)"
      log ".rpm"
      build_rpm
      ;;
    tar)
      log "Portable archive (.tar.gz)"
      build_tarball
      ;;
    *) die "unknown type $type: app-image, deb, rpm or tar" ;;
  esac
done
log "Checksums$([ -n "${QB_SIGN_KEY:-}" ] && echo " and signatures")"
checksums_and_signatures

if [ "$LINT" = true ]; then
  log "lintian and rpmlint"
  bash installers/linux/lint.sh "$OUT/dist"
fi

print_outputs
