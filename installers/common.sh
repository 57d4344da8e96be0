# Steps shared by build.sh (Linux) and build-macos.sh (macOS); sourced, not run.
# Expects: ROOT (repository root, the current directory), PLATFORM (InstallerPrep platform),
# OUT (output folder), SKIP_MAVEN (true to use app/target as it is).

MAX_IMAGE_MB=${QB_MAX_IMAGE_MB:-200}

log() { printf '\n== %s\n' "$*"; }
die() { printf 'installers: %s\n' "$*" >&2; exit 1; }

find_jdk() {
  if [ -z "${JAVA_HOME:-}" ]; then
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)" 2>/dev/null || command -v java)")") \
      || die "set JAVA_HOME to a JDK 25"
  fi
  export JAVA_HOME
  for tool in java jlink jpackage; do
    [ -x "$JAVA_HOME/bin/$tool" ] || die "$JAVA_HOME/bin/$tool is missing: JAVA_HOME must point at a JDK 25 (with jlink and jpackage)"
  done
  local feature
  feature=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ "${feature%%.*}" -ge 25 ] 2>/dev/null || die "JAVA_HOME is Java $feature; the installers need JDK 25 or newer"
}

prep() { "$JAVA_HOME/bin/java" installers/tools/InstallerPrep.java "$@"; }

build_jars() {
  if [ "$SKIP_MAVEN" = true ]; then
    [ -f app/target/querybench-app.jar ] || die "app/target/querybench-app.jar is missing; run without --skip-maven"
    return
  fi
  log "Maven package (app and its libraries)"
  # copy-dependencies adds to app/target/lib but never removes, nor replaces a newer file.
  rm -rf app/target/lib
  ./mvnw -B -q -DskipTests -Djacoco.skip=true package
}

# On Linux the JDK's shared libraries keep their symbol tables (libjvm.so alone: 29 MB, 24 MB
# without); jlink's --strip-native-debug-symbols only drops debug sections, which these have
# none of. strip --strip-unneeded keeps the dynamic symbols the libraries link by.
strip_runtime_symbols() {
  [ "$(uname -s)" = Linux ] || return 0
  if ! command -v strip >/dev/null; then
    echo "strip (binutils) is not installed: the runtime keeps its symbol tables (about 6 MB)"
    return 0
  fi
  local before after
  before=$(du -sk "$OUT/runtime" | cut -f1)
  find "$OUT/runtime" -name '*.so' -type f -exec strip --strip-unneeded {} +
  after=$(du -sk "$OUT/runtime" | cut -f1)
  echo "runtime: $(( before / 1024 )) MB -> $(( after / 1024 )) MB without native symbol tables"
}

# Stages the jars, links the runtime and builds the app image: sets VERSION, MODULES, IMAGE_DIR.
build_app_image() {
  local os=$1; shift
  VERSION=$(prep version app/target/querybench-app.jar --os "$os")
  MAVEN_VERSION=$(unzip -p app/target/querybench-app.jar \
    META-INF/maven/dev.querybench/querybench-app/pom.properties | sed -n 's/^version=//p' | tr -d '\r')
  echo "version: $MAVEN_VERSION (jpackage: $VERSION), platform: $PLATFORM"

  log "Stage the jars for $PLATFORM (other platforms' native libraries left out)"
  prep stage app/target "$OUT/input" "$PLATFORM"
  # JavaFX goes into the runtime as modules, not on the class path (where it warns "Unsupported
  # JavaFX configuration"): its platform jars are modular; the others are empty placeholders.
  rm -rf "$OUT/javafx"
  mkdir -p "$OUT/javafx"
  find "$OUT/input/lib" -name 'javafx-*-*-*.jar' -exec mv {} "$OUT/javafx/" \;
  find "$OUT/input/lib" -name 'javafx-*.jar' -delete
  [ -n "$(ls "$OUT/javafx")" ] || die "no JavaFX platform jars (javafx-*-<platform>.jar) in app/target/lib"

  log "Runtime: jdeps over the jars, then jlink with JavaFX's modules"
  MODULES=$(prep modules "$OUT/input" installers/jpackage/extra-modules.txt)
  echo "modules: $MODULES,javafx.controls,javafx.fxml"
  rm -rf "$OUT/runtime"
  "$JAVA_HOME/bin/jlink" --module-path "$OUT/javafx" --add-modules "$MODULES,javafx.controls,javafx.fxml" \
    --strip-debug --no-header-files --no-man-pages --compress zip-6 --output "$OUT/runtime"
  # JavaFX's native libraries beside the JDK's, where it looks for them in a linked runtime
  # (otherwise it unpacks them from its module into ~/.openjfx/cache on every first start).
  local fxlib="$OUT/runtime/lib"
  [ -d "$OUT/runtime/bin" ] && [ "$(uname -s)" != Linux ] && [ "$(uname -s)" != Darwin ] && fxlib="$OUT/runtime/bin"
  for jar in "$OUT"/javafx/*.jar; do
    unzip -q -o "$jar" '*.so' '*.dylib' '*.dll' -d "$fxlib" 2>/dev/null || true
  done
  strip_runtime_symbols

  log "App image"
  rm -rf "$OUT/image"
  "$JAVA_HOME/bin/jpackage" --type app-image @installers/jpackage/common.args "$@" \
    --app-version "$VERSION" --input "$OUT/input" --runtime-image "$OUT/runtime" --dest "$OUT/image"
  IMAGE_DIR=$(find "$OUT/image" -mindepth 1 -maxdepth 1 | head -n 1)
  [ -n "$IMAGE_DIR" ] || die "jpackage made no app image in $OUT/image"

  local kb mb
  kb=$(du -sk "$IMAGE_DIR" | cut -f1)
  mb=$(( (kb + 1023) / 1024 ))
  echo "app image: $IMAGE_DIR, $mb MB (runtime $(du -sh "$OUT/runtime" | cut -f1), jars $(du -sh "$OUT/input" | cut -f1))"
  [ "$mb" -le "$MAX_IMAGE_MB" ] || die "the app image is $mb MB, over the $MAX_IMAGE_MB MB limit: see which jar grew with 'du -sh $OUT/input/lib/*' and leave its other-platform natives out in InstallerPrep.NATIVE_FOLDERS"
}

print_outputs() {
  log "Built"
  ( cd "$OUT" && find dist -maxdepth 1 -type f -exec du -h {} + 2>/dev/null | sort -k2 ) || true
  echo "app image: $IMAGE_DIR ($(du -sh "$IMAGE_DIR" | cut -f1))"
}
