#!/usr/bin/env bash
# Lints the Linux packages in a folder (default installers/target/linux/dist): the .deb with
# lintian (the overrides it ships, installers/linux/lintian-overrides, apply) and the .rpm with
# rpmlint (installers/linux/rpmlintrc). Fails on any error or warning not overridden there.
# Usage: installers/linux/lint.sh [DIST_DIR]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIST=${1:-$ROOT/installers/target/linux/dist}
status=0
found=false
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$ROOT/installers/linux/querybench.desktop" || status=1
  echo "desktop-file-validate querybench.desktop: $([ $status = 0 ] && echo clean || echo FAILED)"
else
  echo "lint: desktop-file-validate is not installed (apt-get install -y desktop-file-utils)" >&2
  status=1
fi
for deb in "$DIST"/*.deb; do
  [ -f "$deb" ] || continue
  found=true
  command -v lintian >/dev/null || { echo "lint: lintian is not installed (apt-get install -y lintian)" >&2; exit 1; }
  echo "lintian $(basename "$deb")"
  # --fail-on warning: errors and warnings fail; informational tags and pedantic ones are shown.
  if ! lintian --fail-on error,warning --display-info --tag-display-limit 0 "$deb"; then
    echo "lint: lintian found errors or warnings in $(basename "$deb") (override only what the bundled runtime causes, with a reason: installers/linux/lintian-overrides)" >&2
    status=1
  fi
done
for rpm in "$DIST"/*.rpm; do
  [ -f "$rpm" ] || continue
  found=true
  command -v rpmlint >/dev/null || { echo "lint: rpmlint is not installed (apt-get install -y rpmlint)" >&2; exit 1; }
  echo "rpmlint $(basename "$rpm")"
  if ! rpmlint --config "$ROOT/installers/linux/rpmlint.toml" --rpmlintrc "$ROOT/installers/linux/rpmlintrc" "$rpm"; then
    echo "lint: rpmlint found errors in $(basename "$rpm") (filters with reasons: installers/linux/rpmlintrc)" >&2
    status=1
  fi
done
$found || { echo "lint: no .deb or .rpm in $DIST" >&2; exit 1; }
exit $status
