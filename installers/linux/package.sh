# The Linux packages of the app image, built without jpackage's packagers so that each is what a
# Debian or Fedora maintainer expects (installers/README.md, "The Linux packages"). Sourced by
# build.sh after build_app_image (IMAGE_DIR, MAVEN_VERSION, OUT, ROOT are set).
#   .deb     dpkg-deb's format, assembled with tar and ar: the data does not list /opt itself;
#            gzip, not xz: the jars and the runtime's modules are compressed already (xz saved 2%
#            and took 10 times as long)
#   .rpm     rpmbuild from installers/linux/querybench.spec
#   .tar.gz  the same files as a portable folder with launcher scripts
# shellcheck source=installers/linux/package.conf
. "$ROOT/installers/linux/package.conf"

PREFIX=/opt/$PACKAGE
# Reproducible timestamps: the last commit's time, unless the caller set one.
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)
fi
export SOURCE_DATE_EPOCH
# 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT: '~' sorts before the release in dpkg and rpm alike.
PKG_VERSION=${MAVEN_VERSION//-/\~}
DEB_REVISION=1
RPM_RELEASE=1
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)

is_elf() { [ "$(head -c 4 "$1" 2>/dev/null | od -An -c | tr -d ' \n')" = '177ELF' ]; }

# The installed file tree under $1: /opt/querybench (the app image, stripped, normal modes), the
# commands in /usr/bin, the menu entry, icons and man pages. $2 is deb or rpm (their docs differ).
linux_tree() {
  local root=$1 kind=$2 size file
  rm -rf "$root"
  mkdir -p "$root$PREFIX"
  cp -a "$IMAGE_DIR/." "$root$PREFIX/"
  # Modes: directories and executables 0755, everything else (shared libraries included) 0644.
  find "$root" -type d -exec chmod 0755 {} +
  find "$root" -type f -exec chmod u+rw,go+r,go-w {} +
  # Debian's shared libraries are 0644, Fedora's and openSUSE's 0755.
  find "$root" -type f \( -perm -u+x -a ! -name '*.so' \) -exec chmod 0755 {} +
  find "$root" -type f \( ! -perm -u+x -a ! -name '*.so' \) -exec chmod 0644 {} +
  find "$root" -type f -name '*.so' -exec chmod "$([ "$kind" = rpm ] && echo 0755 || echo 0644)" {} +
  # Strip every ELF file (the launchers, the runtime's tools and libraries, JavaFX's libraries).
  while IFS= read -r -d '' file; do
    if is_elf "$file"; then
      case "$file" in
        *.so) strip --strip-unneeded --remove-section=.comment --remove-section=.note "$file" ;;
        *) strip --strip-all --remove-section=.comment --remove-section=.note "$file" ;;
      esac
    fi
  done < <(find "$root$PREFIX" -type f -print0)

  mkdir -p "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/man/man1"
  # Links across top-level folders: absolute for Debian (Policy 10.5), relative for rpmlint.
  local to=$PREFIX
  [ "$kind" = rpm ] && to=../..$PREFIX
  ln -s "$to/bin/querybench" "$root/usr/bin/querybench"
  ln -s "$to/bin/querybench-app" "$root/usr/bin/querybench-app"
  install -m 0644 "$ROOT/installers/linux/querybench.desktop" "$root/usr/share/applications/$PACKAGE.desktop"
  for file in "$ROOT"/installers/icons/hicolor/*.png; do
    size=$(basename "$file" .png)
    install -D -m 0644 "$file" "$root/usr/share/icons/hicolor/$size/apps/$PACKAGE.png"
  done
  for file in "$ROOT"/app/target/man/man1/*.1; do
    gzip -9n -c "$file" >"$root/usr/share/man/man1/$(basename "$file").gz"
  done
  chmod 0644 "$root"/usr/share/man/man1/*.gz
  if [ "$kind" = deb ]; then
    local doc="$root/usr/share/doc/$PACKAGE"
    mkdir -p "$doc" "$root/usr/share/lintian/overrides"
    install -m 0644 "$OUT/copyright" "$doc/copyright"
    debian_changelog | gzip -9n >"$doc/changelog.Debian.gz"
    chmod 0644 "$doc/changelog.Debian.gz"
    install -m 0644 "$ROOT/installers/linux/lintian-overrides" "$root/usr/share/lintian/overrides/$PACKAGE"
  fi
  find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
}

debian_changelog() {
  printf '%s (%s-%s) unstable; urgency=medium\n\n' "$PACKAGE" "$PKG_VERSION" "$DEB_REVISION"
  printf '  * Built from QueryBench %s (commit %s).\n\n' "$MAVEN_VERSION" "$COMMIT"
  printf ' -- %s  %s\n' "$MAINTAINER" "$(LC_ALL=C date -u -R -d "@$SOURCE_DATE_EPOCH")"
}

# The licence files both packages carry: the project's licence and the generated copyright.
licence_files() {
  local tsv="$ROOT/app/target/licenses/THIRD-PARTY.tsv"
  [ -f "$tsv" ] || die "$tsv is missing: run ./mvnw -B -DskipTests package (license-maven-plugin writes it)"
  prep_copyright dep5 "$tsv" "$IMAGE_DIR/lib/app/lib" "opt/$PACKAGE/lib" "$OUT/copyright"
  PKG_LICENSE=$(prep_copyright spdx "$tsv" "$IMAGE_DIR/lib/app/lib")
}

prep_copyright() { "$JAVA_HOME/bin/java" "$ROOT/installers/tools/Copyright.java" "$@"; }

# The shared libraries the ELF files under $1 need from the system (not those they ship).
needed_sonames() {
  local root=$1
  find "$root" -type f -print0 | while IFS= read -r -d '' f; do
    is_elf "$f" && readelf -d "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
  done | sort -u | while read -r soname; do
    [ -n "$(find "$root" -name "$soname" -print -quit)" ] || echo "$soname"
  done
}

# Fails when a library the package's ELF files need comes from a Debian package that Depends
# does not name (checked against this machine's packages; libraries it lacks are reported).
check_deb_depends() {
  local root=$1 soname path owner candidate missing=""
  local cache
  cache=$(ldconfig -p)
  for soname in $(needed_sonames "$root"); do
    path=$(awk -v s="$soname" '$1 == s && /x86-64|64bit/ && !found++ {print $NF}' <<<"$cache")
    if [ -z "$path" ]; then
      echo "  note: $soname is not installed here, so its package cannot be checked"
      continue
    fi
    owner=""
    # With a merged /usr, dpkg knows a library by one of its two names only.
    for candidate in "$path" "$(readlink -f "$path")" "${path#/usr}" "/usr${path#/usr}"; do
      owner=$( (dpkg -S "$candidate" 2>/dev/null || true) | sed -n '1s/:.*//p')
      [ -z "$owner" ] || break
    done
    if [ -z "$owner" ]; then
      echo "  note: no package owns $path ($soname) here, so its package cannot be checked"
      continue
    fi
    owner=${owner%t64}
    case ", $DEB_DEPENDS, " in
      *", $owner,"* | *", $owner |"* | *"| $owner,"* | *"| ${owner}t64,"* | *"| ${owner}t64 |"*) ;;
      *) missing="$missing $owner($soname)" ;;
    esac
  done
  [ -z "$missing" ] || die "the package needs libraries from packages Depends does not name:$missing (installers/linux/package.conf)"
  echo "Depends covers every shared library the package's ELF files need"
}

build_deb() {
  local root="$OUT/deb-root" control="$OUT/deb-control" work="$OUT/deb-work"
  local deb="$OUT/dist/${PACKAGE}_${PKG_VERSION}-${DEB_REVISION}_amd64.deb" line
  linux_tree "$root" deb
  check_deb_depends "$root"
  rm -rf "$control" "$work"
  mkdir -p "$control" "$work"
  {
    echo "Package: $PACKAGE"
    echo "Version: $PKG_VERSION-$DEB_REVISION"
    echo "Architecture: amd64"
    echo "Maintainer: $MAINTAINER"
    echo "Installed-Size: $(du -sk --apparent-size "$root" | cut -f1)"
    echo "Depends: $DEB_DEPENDS"
    echo "Recommends: hicolor-icon-theme"
    echo "Section: $DEB_SECTION"
    echo "Priority: $DEB_PRIORITY"
    echo "Homepage: $HOMEPAGE"
    echo "Description: $SUMMARY"
    local first=true
    for line in "${DESCRIPTION_LINES[@]}"; do
      $first || echo " ."
      first=false
      echo "$line" | fold -s -w 78 | sed 's/ *$//; s/^/ /'
    done
  } >"$control/control"
  ( cd "$root" && find . -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum ) >"$control/md5sums"
  install -m 0755 "$ROOT/installers/linux/preinst" "$control/preinst"
  chmod 0644 "$control/control" "$control/md5sums"
  touch -d "@$SOURCE_DATE_EPOCH" "$control"/*
  # The data: every path but ./opt itself, so dpkg never owns (nor removes) /opt.
  ( cd "$root" && find . ! -path ./opt | LC_ALL=C sort ) >"$work/data.list"
  tar -C "$root" --create --no-recursion --files-from "$work/data.list" --owner=0 --group=0 --numeric-owner \
    --format=gnu | gzip -6n >"$work/data.tar.gz"
  ( cd "$control" && find . | LC_ALL=C sort ) >"$work/control.list"
  tar -C "$control" --create --no-recursion --files-from "$work/control.list" --owner=0 --group=0 \
    --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" --format=gnu | xz -6 >"$work/control.tar.xz"
  printf '2.0\n' >"$work/debian-binary"
  rm -f "$deb"
  ( cd "$work" && ar -rcD "$deb" debian-binary control.tar.xz data.tar.gz )
  dpkg-deb --info "$deb" >/dev/null || die "dpkg-deb cannot read $deb"
  echo "built $deb"
}

build_rpm() {
  local root="$OUT/rpm-root" top="$OUT/rpmbuild" spec regex
  linux_tree "$root" rpm
  rm -rf "$top"
  mkdir -p "$top/SPECS" "$top/RPMS" "$top/BUILD" "$top/licenses"
  install -m 0644 "$ROOT/LICENSE" "$top/licenses/LICENSE"
  install -m 0644 "$OUT/copyright" "$top/licenses/copyright"
  # The libraries the package ships itself are neither provided to nor required from the system.
  regex=$(find "$root$PREFIX" -name '*.so' -printf '%f\n' | sort -u | sed 's/[.]/\\./g' | paste -sd'|')
  spec="$top/SPECS/$PACKAGE.spec"
  sed -e "s|@PACKAGE@|$PACKAGE|g" -e "s|@VERSION@|$PKG_VERSION|g" -e "s|@RELEASE@|$RPM_RELEASE|g" \
      -e "s|@LICENSE@|$PKG_LICENSE|g" -e "s|@HOMEPAGE@|$HOMEPAGE|g" -e "s|@MAINTAINER@|$MAINTAINER|g" \
      -e "s|@SUMMARY@|${SUMMARY^}|g" -e "s#@INTERNAL@#$regex#g" -e "s|@ROOT@|$root|g" \
      -e "s|@LICENSES@|$top/licenses|g" -e "s|@COMMIT@|$COMMIT|g" -e "s|@MAVEN_VERSION@|$MAVEN_VERSION|g" \
      -e "s|@DATE@|$(LC_ALL=C date -u -d "@$SOURCE_DATE_EPOCH" '+%a %b %d %Y')|g" \
      "$ROOT/installers/linux/querybench.spec" >"$spec"
  {
    local line
    for line in "${DESCRIPTION_LINES[@]}"; do
      echo "$line" | fold -s -w 79 | sed 's/ *$//'
      echo
    done
  } >"$top/description"
  rpmbuild -bb --quiet --define "_topdir $top" --define "qb_description_file $top/description" \
    --define "_build_id_links none" --define "use_source_date_epoch_as_buildtime 1" \
    --define "_binary_payload w6.gzdio" \
    --define "clamp_mtime_to_source_date_epoch 1" --target x86_64 "$spec" >"$OUT/rpmbuild.log" 2>&1 \
    || { tail -n 30 "$OUT/rpmbuild.log" >&2; die "rpmbuild failed (log: $OUT/rpmbuild.log)"; }
  find "$top/RPMS" -name '*.rpm' -exec mv {} "$OUT/dist/" \;
  echo "built $(find "$OUT/dist" -name '*.rpm' -printf '%f\n')"
}

# The portable archive: the installed tree's /opt/querybench as QueryBench-<version>-linux-x64/
# with launcher scripts beside, for distributions that take neither .deb nor .rpm.
build_tarball() {
  local name="QueryBench-$MAVEN_VERSION-linux-x64" work="$OUT/tar-work" dir file
  [ -d "$OUT/deb-root$PREFIX" ] || linux_tree "$OUT/deb-root" deb
  rm -rf "$work"
  dir="$work/$name"
  mkdir -p "$dir/share/man/man1" "$dir/share/applications" "$dir/share/doc"
  cp -a "$OUT/deb-root$PREFIX/." "$dir/"
  cp -a "$OUT/deb-root/usr/share/man/man1/." "$dir/share/man/man1/"
  cp -a "$OUT/deb-root/usr/share/icons" "$dir/share/"
  install -m 0644 "$ROOT/installers/linux/querybench.desktop" "$dir/share/applications/$PACKAGE.desktop"
  install -m 0644 "$ROOT/LICENSE" "$dir/LICENSE"
  install -m 0644 "$OUT/copyright" "$dir/share/doc/copyright"
  install -m 0644 "$ROOT/installers/linux/portable-README.txt" "$dir/README.txt"
  for file in querybench querybench-app; do
    install -m 0755 "$ROOT/installers/linux/portable-launcher.sh" "$dir/$file"
  done
  find "$work" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  tar -C "$work" --create --owner=0 --group=0 --numeric-owner --sort=name --format=gnu "$name" \
    | gzip -6n >"$OUT/dist/$name.tar.gz"
  echo "built $OUT/dist/$name.tar.gz"
}

# SHA-256 checksums beside every artefact, and detached signatures when QB_SIGN_KEY names a
# GnuPG key (the .rpm is signed inside too): installers/README.md, "Signing".
checksums_and_signatures() {
  local file gpg_args=() extra=(--batch)
  if [ -n "${QB_SIGN_KEY:-}" ]; then
    command -v gpg >/dev/null || die "QB_SIGN_KEY is set but gpg is not installed"
    if [ -n "${QB_SIGN_PASSPHRASE_FILE:-}" ]; then
      extra+=(--pinentry-mode loopback --passphrase-file "$QB_SIGN_PASSPHRASE_FILE")
    fi
    gpg_args=(--yes --local-user "$QB_SIGN_KEY" "${extra[@]}")
    for file in "$OUT"/dist/*.rpm; do
      [ -f "$file" ] || continue
      command -v rpmsign >/dev/null || die "signing the .rpm needs rpmsign (apt-get install -y rpm)"
      rpmsign --addsign --define "_gpg_name $QB_SIGN_KEY" --define "__gpg $(command -v gpg)" \
        --define "_gpg_sign_cmd_extra_args ${extra[*]}" "$file" >"$OUT/rpmsign.log" 2>&1 \
        || { cat "$OUT/rpmsign.log" >&2; die "rpmsign could not sign $file with $QB_SIGN_KEY"; }
    done
  fi
  for file in "$OUT"/dist/*; do
    case "$file" in *.sha256|*.asc) continue ;; esac
    [ -f "$file" ] || continue
    if [ -n "${QB_SIGN_KEY:-}" ]; then
      gpg "${gpg_args[@]}" --armor --detach-sign --output "$file.asc" "$file" \
        || die "gpg could not sign $file with $QB_SIGN_KEY"
    fi
    ( cd "$(dirname "$file")" && sha256sum "$(basename "$file")" >"$(basename "$file").sha256" )
  done
  if [ -n "${QB_SIGN_KEY:-}" ]; then
    echo "signed with $QB_SIGN_KEY: a .asc beside every artefact, and the .rpm's own signature"
  fi
}
