#!/usr/bin/env bash
# Test-suite generation on servers (not a test; figures go into BENCHMARKS.md, "Test suites"): loads
# the built-in sample into a PostgreSQL and a MariaDB/MySQL database with `db load`, makes a reader
# account with `db reader`, points a copy of the sample workspace at it, and builds the suite with
# `dataset testsuite --user <admin>`; whole processes timed with peak memory. Drops what it made.
#
# usage: BENCH_DIR=/tmp/ts-server [SEED=1] [BUDGET=300] [CANDIDATES=400] [MAX_INSTANCES=16] [ENGINES="postgresql mysql"]
#            bash .ci/testsuite-bench/run-server.sh
#   PG_URL     default jdbc:postgresql://127.0.0.1:5432/   (admin: PG_ADMIN, default postgres, trust or PGPASSWORD)
#   MYSQL_URL  default jdbc:mysql://127.0.0.1:3306/        (admin: MYSQL_ADMIN, default root, no password)
#   QUERYBENCH_JAR  default engine/target/querybench-engine.jar
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
JAR=${QUERYBENCH_JAR:-$repo/engine/target/querybench-engine.jar}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
SEED=${SEED:-1}
BUDGET=${BUDGET:-300}
CANDIDATES=${CANDIDATES:-400}
MAX_INSTANCES=${MAX_INSTANCES:-16}
ENGINES=${ENGINES:-postgresql mysql}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/}; PG_ADMIN=${PG_ADMIN:-postgres}
MYSQL_URL=${MYSQL_URL:-jdbc:mysql://127.0.0.1:3306/}; MYSQL_ADMIN=${MYSQL_ADMIN:-root}
: "${BENCH_DIR:?set BENCH_DIR to a work folder outside the repository}"
rm -rf "$BENCH_DIR"; mkdir -p "$BENCH_DIR"
export QB_BENCH_READER_PW=bench-reader-pw
DB=qbts_bench; READER=qbts_bench_reader
qb() { QUERYBENCH_HOME="$BENCH_DIR/home" "$JAVA" -jar "$JAR" "$@"; }

cleanup() {
  psql -h 127.0.0.1 -U "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "DROP ROLE IF EXISTS $READER" postgres >/dev/null 2>&1 || true
  mysql -h 127.0.0.1 -u "$MYSQL_ADMIN" -e "DROP DATABASE IF EXISTS $DB; DROP USER IF EXISTS '$READER'@'%'" >/dev/null 2>&1 || true
  for d in $(mysql -h 127.0.0.1 -u "$MYSQL_ADMIN" -N -e "SHOW DATABASES LIKE 'qbts\\_bench\\_%'" 2>/dev/null); do
    mysql -h 127.0.0.1 -u "$MYSQL_ADMIN" -e "DROP DATABASE \`$d\`"; done
}
trap cleanup EXIT
cleanup

qb dataset check >/dev/null 2>&1 || true   # materializes the sample workspace
for engine in $ENGINES; do
  ws="$BENCH_DIR/$engine"; cp -r "$BENCH_DIR/home/sample-workspace" "$ws"; rm -rf "$ws/.querybench/testsuite"
  if [ "$engine" = postgresql ]; then
    url="${PG_URL}$DB"; admin=$PG_ADMIN
    psql -h 127.0.0.1 -U "$PG_ADMIN" -qc "CREATE DATABASE $DB" postgres
  else
    url="${MYSQL_URL}$DB"; admin=$MYSQL_ADMIN
    mysql -h 127.0.0.1 -u "$MYSQL_ADMIN" -e "CREATE DATABASE $DB"
  fi
  python3 - "$ws/querybench.yaml" "$url" "$READER" <<'PY'
import re, sys
path, url, reader = sys.argv[1:]
text = open(path).read()
block = re.search(r"^database:\n(?:  .*\n)+", text, re.M).group(0)
text = text.replace(block, 'database: {name: bench, url: "%s", username: %s, password: {env: QB_BENCH_READER_PW}}\n'
                    'databases:\n  - {name: ridgeline, type: sqlite, path: .querybench/ridgeline.db,'
                    ' init: [db/schema.sql, db/data.sql]}\n' % (url, reader))
open(path, "w").write(text)
PY
  qb db load -w "$ws" --db "$url" --user "$admin" > "$BENCH_DIR/$engine.load" 
  qb db reader -w "$ws" --db "$url" --user "$admin" --name "$READER" --reader-password-env QB_BENCH_READER_PW \
    > "$BENCH_DIR/$engine.reader"
  echo "Sample (54 questions, 13 tables) on $engine, seed $SEED, $CANDIDATES candidates, $MAX_INSTANCES instances:"
  log="$BENCH_DIR/time.$$"
  /usr/bin/time -f "%e %M" -o "$log" env QUERYBENCH_HOME="$BENCH_DIR/home" "$JAVA" -jar "$JAR" dataset testsuite \
      -w "$ws" --seed "$SEED" --budget "$BUDGET" --candidates "$CANDIDATES" --max-instances "$MAX_INSTANCES" --user "$admin" > "$BENCH_DIR/$engine.out" 2> "$BENCH_DIR/$engine.err" \
    || { echo "$engine failed; see $BENCH_DIR/$engine.err"; tail -5 "$BENCH_DIR/$engine.err"; }
  read -r WALL PEAK < "$log"; rm -f "$log"
  printf '  %7.1f s wall  %5d MB peak\n' "$WALL" "$((PEAK / 1024))"
  grep -E "^bench: ([0-9]+ instances|[0-9]+ questions|time budget)" "$BENCH_DIR/$engine.out" | sed 's/^/    /' | cut -c1-400
  if [ "$engine" = postgresql ]; then psql -h 127.0.0.1 -U "$PG_ADMIN" -qc "DROP DATABASE $DB WITH (FORCE)" postgres
  else mysql -h 127.0.0.1 -u "$MYSQL_ADMIN" -e "DROP DATABASE $DB"; fi
done
