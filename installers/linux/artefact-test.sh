#!/usr/bin/env bash
# Checks the Linux artefacts in a folder (default installers/target/linux/dist) without
# installing them: every .sha256 matches; the .rpm owns /opt/querybench but not /opt, declares
# its licences and the GUI libraries, puts both commands and the man pages in place; the
# portable .tar.gz runs from wherever it is unpacked; and signing works end to end with a
# throwaway GnuPG key (detached .asc for each artefact, rpm's own signature checked by rpm -K).
# Usage: installers/linux/artefact-test.sh [DIST_DIR]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIST=$(readlink -f "${1:-$ROOT/installers/target/linux/dist}")
fail() { printf 'artefact-test: FAILED: %s\n' "$*" >&2; exit 1; }
say() { printf '  %s\n' "$*"; }
WORK=$(mktemp -d /tmp/querybench-artefacts.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

( cd "$DIST" && sha256sum --quiet -c ./*.sha256 ) || fail "a checksum in $DIST does not match"
say "checksums: $(ls "$DIST"/*.sha256 | wc -l) match"

RPM=$(find "$DIST" -maxdepth 1 -name 'querybench-*.rpm' | head -n 1)
if [ -n "$RPM" ]; then
  rpm -qpl "$RPM" >"$WORK/rpm-files" 2>/dev/null
  grep -qx /opt/querybench "$WORK/rpm-files" || fail "the .rpm does not own /opt/querybench"
  ! grep -qx /opt "$WORK/rpm-files" || fail "the .rpm owns /opt"
  for file in /usr/bin/querybench /usr/bin/querybench-app /usr/share/man/man1/querybench.1.gz \
      /usr/share/applications/querybench.desktop /usr/share/licenses/querybench/copyright; do
    grep -qx "$file" "$WORK/rpm-files" || fail "the .rpm lacks $file"
  done
  rpm -qp --requires "$RPM" 2>/dev/null >"$WORK/rpm-requires"
  for capability in 'libgtk-3.so.0()(64bit)' 'libasound.so.2()(64bit)' 'libX11.so.6()(64bit)' 'libpango-1.0.so.0()(64bit)'; do
    grep -qxF "$capability" "$WORK/rpm-requires" || fail "the .rpm does not require $capability"
  done
  ! grep -qE '^lib(jvm|java|jli|glass)\.so' "$WORK/rpm-requires" || fail "the .rpm requires its own runtime's libraries"
  license=$(rpm -qp --qf '%{LICENSE}' "$RPM" 2>/dev/null)
  case "$license" in Apache-2.0\ AND\ *GPL-2.0-only\ WITH\ Classpath-exception-2.0*) ;; *) fail "the .rpm's License is '$license'" ;; esac
  # Installed into an empty rpm root beside an existing /opt, then erased: /opt must stay.
  mkdir -p "$WORK/rpmroot/opt"
  rpm --root "$WORK/rpmroot" --initdb
  rpm --root "$WORK/rpmroot" -i --nodeps --noscripts "$RPM" >"$WORK/rpm-install.log" 2>&1 \
    || fail "rpm -i into an empty root failed: $(cat "$WORK/rpm-install.log")"
  [ -x "$WORK/rpmroot/opt/querybench/bin/querybench" ] && [ -L "$WORK/rpmroot/usr/bin/querybench-app" ] \
    || fail "rpm -i did not put the launchers and /usr/bin links in place"
  rpm --root "$WORK/rpmroot" -e querybench >"$WORK/rpm-erase.log" 2>&1 || fail "rpm -e failed: $(cat "$WORK/rpm-erase.log")"
  [ -d "$WORK/rpmroot/opt" ] || fail "rpm -e removed /opt"
  [ -z "$(ls -A "$WORK/rpmroot/opt")" ] || fail "rpm -e left files in /opt: $(ls -A "$WORK/rpmroot/opt")"
  say ".rpm: owns /opt/querybench not /opt (rpm -e keeps /opt); commands, man pages, copyright; requires GTK, ALSA, X11, Pango"
fi

TAR=$(find "$DIST" -maxdepth 1 -name 'QueryBench-*-linux-x64.tar.gz' | head -n 1)
if [ -n "$TAR" ]; then
  tar -C "$WORK" -xzf "$TAR"
  dir=$(find "$WORK" -mindepth 1 -maxdepth 1 -type d -name 'QueryBench-*')
  mkdir -p "$WORK/bin"
  ln -s "$dir/querybench" "$WORK/bin/querybench"
  "$WORK/bin/querybench" --version >"$WORK/tar-cli" 2>&1 || fail "querybench --version from the archive: $(cat "$WORK/tar-cli")"
  QUERYBENCH_AOT=off "$dir/querybench-app" --version >"$WORK/tar-app" 2>&1 || fail "querybench-app --version from the archive: $(cat "$WORK/tar-app")"
  [ -f "$dir/share/man/man1/querybench.1.gz" ] && [ -f "$dir/share/doc/copyright" ] && [ -f "$dir/LICENSE" ] \
    || fail "the archive lacks its man pages, copyright or LICENSE"
  say ".tar.gz: runs where unpacked (and through a link): $(cat "$WORK/tar-cli"), $(cat "$WORK/tar-app")"
fi

if command -v gpg >/dev/null && command -v rpmsign >/dev/null; then
  export GNUPGHOME="$WORK/gnupg"
  mkdir -m 0700 "$GNUPGHOME"
  gpg --batch --quiet --passphrase '' --quick-gen-key "QueryBench signing test <signing-test@querybench.dev>" ed25519 sign 1d 2>/dev/null
  key=$(gpg --list-keys --with-colons 2>/dev/null | awk -F: '/^fpr/ {print $10; exit}')
  mkdir -p "$WORK/signed/dist"
  for file in "$RPM" "$TAR"; do [ -n "$file" ] && cp "$file" "$WORK/signed/dist/"; done
  ( ROOT=$ROOT OUT="$WORK/signed" MAVEN_VERSION=0 IMAGE_DIR=/nonexistent
    die() { echo "$*" >&2; exit 1; }
    # shellcheck source=installers/linux/package.sh
    . "$ROOT/installers/linux/package.sh"
    QB_SIGN_KEY=$key checksums_and_signatures >/dev/null )
  for file in "$WORK"/signed/dist/*; do
    case "$file" in *.asc|*.sha256) continue ;; esac
    gpg --quiet --verify "$file.asc" "$file" 2>/dev/null || fail "the signature of $(basename "$file") does not verify"
  done
  if [ -n "$RPM" ]; then
    gpg --armor --export "$key" >"$WORK/key.asc"
    mkdir -p "$WORK/rpmdb"
    rpm --dbpath "$WORK/rpmdb" --import "$WORK/key.asc"
    rpm --dbpath "$WORK/rpmdb" -K "$WORK/signed/dist/$(basename "$RPM")" | grep -q 'signatures OK' \
      || fail "rpm -K does not accept the signed .rpm"
  fi
  say "signing: QB_SIGN_KEY gives a verifying .asc for each artefact and an .rpm that rpm -K accepts"
fi
echo "artefact test passed"
