#!/bin/sh
# QueryBench launcher of a build (generated into engine/target/bin and app/target/bin by the
# Maven package from installers/launchers/launcher.sh; see installers/README.md).
#   querybench       the command line:  engine/target/querybench-engine.jar
#   querybench-app   the workbench:     app/target/querybench-app.jar, JavaFX on the module path
# Java: $JAVA_HOME/bin/java when JAVA_HOME is set, else the first java on PATH; it must be 25 or
# newer. An AOT cache beside the jar (querybench.aot / querybench-app.aot; querybench-score.aot for
# `querybench score`, whose classes a run does not load) is used when present.
# The command line's commands are short-lived, so its JVM compiles with C1 only, collects with the
# serial collector, starts from a small heap and makes reflective calls through the JVM's native
# accessors (no method-handle classes spun while Jackson reads the workspace; docs/cli-startup.md); QUERYBENCH_JAVA_OPTIONS is
# added after these options, so it can override them (e.g. -XX:TieredStopAtLevel=4 -XX:+UseG1GC),
# and reaches the workbench's JVM too. The workbench's JVM gives memory back after heavy work (a
# run over million-row results): G1 sized for at most 20% of the time in GC and at most 30% of the
# heap free after a marking cycle, and a marking cycle after 30 s without a GC (docs/workbench.md,
# "Memory"), and it makes reflective calls through the native accessors as well (FXML and Jackson
# while the window opens; docs/workbench.md, "Start-up"); the same options in app/pom.xml's
# querybench.app.jvm.options and jpackage/common.args.
REQUIRED=25
name=$(basename "$0")
self=$0
# Follow symbolic links (a link in ~/bin or /usr/local/bin) to the real bin folder.
while [ -L "$self" ]; do
  link=$(readlink "$self")
  case "$link" in
    /*) self=$link ;;
    *) self=$(dirname "$self")/$link ;;
  esac
done
target=$(cd "$(dirname "$self")/.." && pwd -P)

if [ -n "${JAVA_HOME:-}" ]; then
  java="$JAVA_HOME/bin/java"
  where="JAVA_HOME ($JAVA_HOME)"
  if [ ! -x "$java" ]; then
    echo "$name: JAVA_HOME is $JAVA_HOME, which has no bin/java: install a JDK $REQUIRED (for example Eclipse Temurin 25) and set JAVA_HOME to it." >&2
    exit 4
  fi
else
  java=$(command -v java 2>/dev/null)
  if [ -z "$java" ]; then
    echo "$name: QueryBench needs Java $REQUIRED or newer, and there is no java on PATH and no JAVA_HOME: install a JDK $REQUIRED (for example Eclipse Temurin 25) and set JAVA_HOME to it." >&2
    exit 4
  fi
  where="the java on PATH ($java)"
fi

# The version: from the JDK's release file (no JVM start), else from java -version.
version=""
home=$(dirname "$(dirname "$java")")
if [ -f "$home/release" ]; then
  version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release")
fi
if [ -z "$version" ]; then
  version=$("$java" -version 2>&1 | sed -n '1s/^[^"]*"\([^"]*\)".*$/\1/p')
fi
feature=${version#1.}
feature=${feature%%[!0-9]*}
if [ -z "$feature" ] || [ "$feature" -lt "$REQUIRED" ]; then
  echo "QueryBench needs Java $REQUIRED or newer, but $where is Java ${version:-of unknown version}: install a JDK $REQUIRED (for example Eclipse Temurin 25) and set JAVA_HOME to it." >&2
  exit 4
fi

case "$name" in
  querybench-app*)
    jar="$target/querybench-app.jar"
    aot="$target/querybench-app.aot"
    # JavaFX from the module path: on the class path it warns "Unsupported JavaFX configuration".
    modules=""
    for module in "$target"/lib/javafx-*-*-*.jar; do
      [ -f "$module" ] && modules="${modules:+$modules:}$module"
    done
    # shellcheck disable=SC2086 # QUERYBENCH_JAVA_OPTIONS is a list of options, split on spaces
    set -- -XX:GCTimeRatio=4 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:G1PeriodicGCInterval=30000 -Djdk.reflect.useNativeAccessorOnly=true ${QUERYBENCH_JAVA_OPTIONS:-} --module-path "$modules" \
      --add-modules javafx.controls,javafx.fxml --enable-native-access=javafx.graphics,ALL-UNNAMED \
      -cp "$jar" dev.querybench.app.QueryBenchLauncher "$@"
    ;;
  *)
    jar="$target/querybench-engine.jar"
    aot="$target/querybench.aot"
    # score loads other classes than a run (its dataset readers and official comparators): its own cache
    if [ "${1:-}" = score ] && [ -f "$target/querybench-score.aot" ]; then
      aot="$target/querybench-score.aot"
    fi
    # shellcheck disable=SC2086 # QUERYBENCH_JAVA_OPTIONS is a list of options, split on spaces
    set -- -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms32m -XX:UserThreadWaitAttemptsAtExit=0 -Djdk.reflect.useNativeAccessorOnly=true \
      ${QUERYBENCH_JAVA_OPTIONS:-} \
      --enable-native-access=ALL-UNNAMED -cp "$jar" dev.querybench.engine.cli.QueryBenchCli "$@"
    ;;
esac
if [ ! -f "$jar" ]; then
  echo "$name: $jar is missing: build it with ./mvnw -q -B -DskipTests package" >&2
  exit 4
fi
# an AOT option of the user's (training a cache with -XX:AOTCacheOutput, say) replaces ours: the JVM
# refuses -XX:AOTCache together with -XX:AOTCacheOutput
case "${JDK_JAVA_OPTIONS:-} ${QUERYBENCH_JAVA_OPTIONS:-}" in
  *-XX:AOTCache*|*-XX:AOTMode*|*-XX:AOTConfiguration*) aot="" ;;
esac
if [ -n "$aot" ] && [ -f "$aot" ]; then
  exec "$java" "-XX:AOTCache=$aot" "$@"
fi
exec "$java" "$@"
