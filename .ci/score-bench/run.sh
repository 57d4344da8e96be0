#!/usr/bin/env bash
# Side-by-side benchmark of `querybench score` and the official evaluators (not a test; figures go
# into BENCHMARKS.md, "Scoring side by side"). Runs each on the same gold/prediction pairs, prints
# how many verdicts agree and the time ratio, whole processes, with peak memory.
#
# Needs (nothing is downloaded; keep every path outside the repository):
#   BENCH_DIR        work folder for the pairs and results (created)
#   ANCHORS_DIR      optional: one folder holding the four checkouts below as test-suite-sql-eval, spider,
#                    sql-eval and defog-data; it fills in SPIDER_EVAL_DIR, SPIDER_DATA (a folder of links
#                    made in BENCH_DIR: spider's dev.json and pred_example.txt, test-suite-sql-eval's
#                    tables.json), SQL_EVAL_DIR and DEFOG_DATA_DIR where they are not set
#   SPIDER_EVAL_DIR  a checkout of taoyds/test-suite-sql-eval         (Spider part)
#   SPIDER_DATA      a folder with Spider's dev.json and tables.json, optionally a predictions file
#                    named pred_example.txt (as in taoyds/spider's evaluation_examples)
#   SQL_EVAL_DIR     a checkout of defog-ai/sql-eval                   (sql-eval part)
#   DEFOG_DATA_DIR   a checkout of defog-ai/defog-data, loaded into the PostgreSQL server of the
#                    PG*/DB* variables (PGHOST, PGUSER…; DBHOST, DBUSER, DBPASSWORD for sql-eval)
#   PYTHON           a Python 3 with pandas, numpy, sqlalchemy, psycopg2, sqlparse (default /usr/bin/python3)
#   QUERYBENCH       the command as users start it, default engine/target/bin/querybench (the built
#                    launcher: its JVM options and AOT cache, querybench-score.aot; build:
#                    ./mvnw -q -B -DskipTests package -pl engine); QUERYBENCH_JAVA_OPTIONS reaches it
#   QUERYBENCH_JAR   instead: `java $SCORE_JAVA_OPTS -jar QUERYBENCH_JAR` (no launcher, no AOT cache)
#   SCORE_READER     the login role querybench scores sql-eval under (default qb_score_reader; created
#                    without a password when missing and granted reading on the question databases;
#                    SCORE_READER_PASSWORD when the server asks for one)
# A part whose variables are missing is skipped with a message.
#
# The sql-eval part loads defog-data's 11 databases (academic … yelp, under those names, dropped first)
# into the server the first time it builds its pairs, and keeps them, with the reader role, for the next
# runs; the part `clean` drops them and the role.
#
# usage: BENCH_DIR=… ANCHORS_DIR=… PGHOST=127.0.0.1 PGUSER=postgres bash .ci/score-bench/run.sh [spider] [sqleval] [clean]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
PYTHON=${PYTHON:-/usr/bin/python3}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [ -n "${QUERYBENCH_JAR:-}" ]; then
  # shellcheck disable=SC2206 # SCORE_JAVA_OPTS is a list of options
  QB=("$JAVA" ${SCORE_JAVA_OPTS:-} -jar "$QUERYBENCH_JAR")
else
  QB=("${QUERYBENCH:-$repo/engine/target/bin/querybench}")
fi
parts=${*:-spider sqleval}
: "${BENCH_DIR:?set BENCH_DIR to a work folder outside the repository}"
mkdir -p "$BENCH_DIR"
if [ -n "${ANCHORS_DIR:-}" ]; then
  SPIDER_EVAL_DIR=${SPIDER_EVAL_DIR:-$ANCHORS_DIR/test-suite-sql-eval}
  SQL_EVAL_DIR=${SQL_EVAL_DIR:-$ANCHORS_DIR/sql-eval}
  DEFOG_DATA_DIR=${DEFOG_DATA_DIR:-$ANCHORS_DIR/defog-data}
  if [ -z "${SPIDER_DATA:-}" ]; then
    SPIDER_DATA=$BENCH_DIR/spider-data
    mkdir -p "$SPIDER_DATA"
    ln -sf "$ANCHORS_DIR/spider/evaluation_examples/examples/dev.json" "$SPIDER_DATA/dev.json"
    ln -sf "$ANCHORS_DIR/test-suite-sql-eval/tables.json" "$SPIDER_DATA/tables.json"
    ln -sf "$ANCHORS_DIR/spider/evaluation_examples/pred_example.txt" "$SPIDER_DATA/pred_example.txt"
  fi
  export SPIDER_EVAL_DIR SQL_EVAL_DIR DEFOG_DATA_DIR SPIDER_DATA  # official_*.py read them
fi

timed() { # label, command…: runs it, prints wall seconds and peak KB, returns the wall seconds in $WALL
  local label=$1 log="$BENCH_DIR/time.$$"; shift
  /usr/bin/time -f "%e %M" -o "$log" "$@" > "$BENCH_DIR/$label.out" 2> "$BENCH_DIR/$label.err" \
    || { echo "$label failed; see $BENCH_DIR/$label.err"; tail -5 "$BENCH_DIR/$label.err"; exit 1; }
  read -r WALL PEAK < "$log"; rm -f "$log"
  printf '  %-34s %7.2f s  %6d MB peak\n' "$label" "$WALL" "$((PEAK / 1024))"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

spider() {
  if [ -z "${SPIDER_EVAL_DIR:-}" ] || [ -z "${SPIDER_DATA:-}" ]; then
    echo "Spider part skipped: set SPIDER_EVAL_DIR and SPIDER_DATA"; return; fi
  local pairs="$BENCH_DIR/spider-pairs" pred=()
  [ -f "$SPIDER_DATA/pred_example.txt" ] && pred=("$SPIDER_DATA/pred_example.txt")
  [ -f "$pairs/pred.txt" ] || "$PYTHON" "$here/make_spider_pairs.py" "$SPIDER_DATA/dev.json" \
      "$SPIDER_DATA/tables.json" "$pairs" "${pred[@]}"
  echo "Spider test-suite evaluator, $(wc -l < "$pairs/pred.txt") pairs:"
  for option in "" keep_distinct plug_value; do
    local flag=() ours=() label=${option:-default}
    [ -n "$option" ] && flag=("--$option") && ours=("--${option/_/-}")
    # the official evaluator as users run it (exec accuracy), whole process
    timed "official evaluation.py ($label)" env -C "$SPIDER_EVAL_DIR" PYTHONPATH="$here/shims" "$PYTHON" \
        evaluation.py --gold "$pairs/gold.txt" --pred "$pairs/pred.txt" --db "$pairs/database" --etype exec \
        "${flag[@]}"; local official=$WALL
    timed "querybench score ($label)" "${QB[@]}" score --dataset "$pairs/dev.json" \
        --predictions "$pairs/pred.txt" --db-dir "$pairs/database" --mode spider "${ours[@]}" \
        --out "$BENCH_DIR/spider-$label" --format json; local mine=$WALL
    echo "  time ratio: $(ratio "$official" "$mine")× faster"
    # per-pair verdicts of the official matcher (evaluation.py prints totals only)
    "$PYTHON" "$here/official_spider.py" "$pairs/gold.txt" "$pairs/pred.txt" "$pairs/database" \
        "$BENCH_DIR/official-spider-$label.txt" "${flag[@]}"
    "$PYTHON" "$here/agreement.py" "$BENCH_DIR/spider-$label/results.json" "$BENCH_DIR/official-spider-$label.txt" \
        "spider $label" | sed 's/^/  /'
  done
}

sqleval() {
  if [ -z "${SQL_EVAL_DIR:-}" ] || [ -z "${DEFOG_DATA_DIR:-}" ]; then
    echo "sql-eval part skipped: set SQL_EVAL_DIR and DEFOG_DATA_DIR"; return; fi
  local pairs="$BENCH_DIR/sqleval-pairs"
  [ -f "$pairs/predictions.json" ] || "$PYTHON" "$here/make_sqleval_pairs.py" "$SQL_EVAL_DIR/data" \
      "$DEFOG_DATA_DIR" "$pairs"
  echo "sql-eval compare_query_results, $("$PYTHON" -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$pairs/predictions.json") pairs on PostgreSQL:"
  timed "official comparison (harness)" "$PYTHON" "$here/official_sqleval.py" "$pairs/questions.csv" \
      "$pairs/predictions.json" "$BENCH_DIR/official-defog.txt"
  local compare; compare=$(sed -n 's/compared [0-9]* pairs in \([0-9.]*\) s/\1/p' "$BENCH_DIR/official comparison (harness).out")
  echo "  of which comparing: $compare s"
  # untrusted SQL runs under a reader account (a privileged one is refused): one login role that may
  # connect to each question database and read its tables, made through the PG* variables' account
  local reader=${SCORE_READER:-qb_score_reader} db
  psql -q -v ON_ERROR_STOP=1 -d postgres -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname =
      '$reader') THEN CREATE ROLE $reader LOGIN; END IF; END\$\$" >/dev/null
  for db in $("$PYTHON" -c "import pandas, sys; print(' '.join(sorted(pandas.read_csv(sys.argv[1]).db_name.unique())))" \
      "$pairs/questions.csv"); do
    psql -q -v ON_ERROR_STOP=1 -d "$db" -c "GRANT CONNECT ON DATABASE $db TO $reader; DO \$\$DECLARE s text; BEGIN
        FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
        LOOP EXECUTE format('GRANT USAGE ON SCHEMA %I TO $reader; GRANT SELECT ON ALL TABLES IN SCHEMA %I TO $reader',
        s, s); END LOOP; END\$\$" >/dev/null
  done
  local url="jdbc:postgresql://${DBHOST:-127.0.0.1}:${DBPORT:-5432}/" account=(--user "$reader")
  [ -n "${SCORE_READER_PASSWORD:-}" ] && account+=(--password-env SCORE_READER_PASSWORD)
  timed "querybench score (defog)" "${QB[@]}" score --dataset "$pairs/questions.csv" \
      --predictions "$pairs/predictions.json" --db "$url" "${account[@]}" --mode defog \
      --out "$BENCH_DIR/defog" --format json
  echo "  time ratio: $(ratio "$compare" "$WALL")× faster than its comparison alone"
  "$PYTHON" "$here/agreement.py" "$BENCH_DIR/defog/results.json" "$BENCH_DIR/official-defog.txt" defog | sed 's/^/  /'
}

clean() { # drops what the sql-eval part made on the server: defog-data's databases and the reader role
  local reader=${SCORE_READER:-qb_score_reader} db
  for db in academic advising atis broker car_dealership derm_treatment ewallet geography restaurants scholar yelp; do
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  done
  psql -q -d postgres -c "DROP ROLE IF EXISTS $reader" >/dev/null
  echo "dropped defog-data's databases and the role $reader"
}

for part in $parts; do "$part"; done
