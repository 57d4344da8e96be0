#!/usr/bin/env bash
# Test-suite generation benchmark (not a test; figures go into BENCHMARKS.md, "Test suites"): builds
# the suite of the built-in sample and of a small Spider-format dataset (make_mini_spider.py), whole
# processes timed with peak memory, and prints each suite's catch rate from its report.
#
# usage: BENCH_DIR=/tmp/ts-bench [SEED=1] [CANDIDATES=400] bash .ci/testsuite-bench/run.sh
#   QUERYBENCH_JAR  default engine/target/querybench-engine.jar
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
JAR=${QUERYBENCH_JAR:-$repo/engine/target/querybench-engine.jar}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
SEED=${SEED:-1}
CANDIDATES=${CANDIDATES:-400}
: "${BENCH_DIR:?set BENCH_DIR to a work folder outside the repository}"
rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR/spider"

timed() { # label, command…
  local label=$1 log="$BENCH_DIR/time.$$"; shift
  /usr/bin/time -f "%e %M" -o "$log" "$@" > "$BENCH_DIR/$label.out" 2> "$BENCH_DIR/$label.err" \
    || { echo "$label failed; see $BENCH_DIR/$label.err"; tail -5 "$BENCH_DIR/$label.err"; exit 1; }
  read -r WALL PEAK < "$log"; rm -f "$log"
  printf '  %-10s %7.1f s wall  %5d MB peak\n' "$label" "$WALL" "$((PEAK / 1024))"
  grep -E "^[a-z_0-9]+: [0-9]+ instances" "$BENCH_DIR/$label.out" | sed 's/^/    /' | cut -c1-220
}

echo "Sample (54 questions, 13 tables), seed $SEED, $CANDIDATES candidates:"
timed sample env QUERYBENCH_HOME="$BENCH_DIR/home" "$JAVA" -jar "$JAR" dataset testsuite --seed "$SEED" --candidates "$CANDIDATES"

python3 "$here/make_mini_spider.py" "$BENCH_DIR/spider"
python3 - "$BENCH_DIR/spider" <<'PY'
import sqlite3, sys
sqlite3.connect(sys.argv[1] + "/main.db").execute("CREATE TABLE t (x INT)")
PY
cat > "$BENCH_DIR/spider/querybench.yaml" <<'YAML'
name: mini-spider
database: {name: main, type: sqlite, path: main.db}
dataset: dev.json
YAML
echo "Mini Spider (28 questions, 2 databases), seed $SEED:"
timed spider "$JAVA" -jar "$JAR" dataset testsuite -w "$BENCH_DIR/spider" --seed "$SEED" --candidates "$CANDIDATES"
du -k "$BENCH_DIR"/home/sample-workspace/.querybench/testsuite/ridgeline/*.sqlite "$BENCH_DIR"/spider/database/*/*.testsuite-*.sqlite \
  | awk '{ s += $1; if ($1 > m) m = $1; n++ } END { printf "  %d instance files, largest %d KB, %d KB in all\n", n, m, s }'
