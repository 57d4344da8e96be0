#!/usr/bin/env bash
# Times `querybench run` and `querybench score` on the built-in sample loaded into Trino's memory
# catalog, against the same commands on the sample's SQLite file (not a test; figures go into
# BENCHMARKS.md, "A run and a score on Trino"). Whole processes through the launcher, with
# /usr/bin/time's wall seconds and peak memory.
#
#   run:   the sample's 54 questions x 2 variants (108 items, --no-cache) against GoldStubServer, the
#          OpenAI stub of CliRunBenchmark as a process of its own: it answers each question's gold SQL
#          for the engine (the question's gold_dialects entry when it has one: 10 of the 54 have one for
#          Trino) after LATENCY_MS (default 500) ms, so every item runs gold and prediction on the
#          database and passes;
#   score: the sample's 54 gold queries for the engine as predictions (a .json keyed by id), strict mode.
#
# Needs: a Trino answering on 127.0.0.1:$QUERYBENCH_TRINO_PORT (default 18080) with the rules of
# .ci/trino.sh (querybench_loader may write to the memory catalog, querybench only reads); the engine
# built with its test classes (./mvnw -q -B -DskipTests package -pl engine); python3 with PyYAML.
# The sample is loaded with `querybench db load` under a new schema memory.qb_bench_<pid>, read as
# the read-only user querybench, and dropped at the end (tables, then the schema).
# ROUNDS (default 3), CONCURRENCY (default 16), LATENCY_MS; LOCK: a command to run each timed
# process under (e.g. /work/bin/locked on a shared machine).
#
# usage: bash .ci/trino-bench.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
QB=${QUERYBENCH:-$repo/engine/target/bin/querybench}
PORT=${QUERYBENCH_TRINO_PORT:-18080}
ROUNDS=${ROUNDS:-3}
LATENCY_MS=${LATENCY_MS:-500}
CONCURRENCY=${CONCURRENCY:-16}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
SCHEMA=qb_bench_$$
TRINO="jdbc:trino://127.0.0.1:$PORT/memory/$SCHEMA"
work=$(mktemp -d "${TMPDIR:-/tmp}/querybench-trino-bench.XXXXXX")
export QUERYBENCH_HOME="$work/home"
export OPENAI_API_KEY=sk-bench
# shellcheck disable=SC2206 # LOCK is a command with its arguments
timed=(${LOCK:-} /usr/bin/time -f '%e s %M KB')

drop_schema() {  # as the loader, through Trino's HTTP protocol: each table, then the schema
  python3 - "$PORT" "$SCHEMA" <<'PY'
import json, sys, time, urllib.request
port, schema = sys.argv[1], sys.argv[2]
def query(sql):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/statement", data=sql.encode(),
                                 headers={"X-Trino-User": "querybench_loader"})
    rows = []
    while req is not None:
        page = json.load(urllib.request.urlopen(req, timeout=30))
        if "error" in page:
            raise SystemExit(f"trino: {sql}: {page['error'].get('message')}")
        rows += page.get("data", [])
        req = urllib.request.Request(page["nextUri"], headers={"X-Trino-User": "querybench_loader"}) \
            if "nextUri" in page else None
    return rows
if not query(f"SELECT schema_name FROM memory.information_schema.schemata WHERE schema_name = '{schema}'"):
    sys.exit(0)
for (table,) in query(f"SELECT table_name FROM memory.information_schema.tables WHERE table_schema = '{schema}'"):
    query(f'DROP TABLE memory.{schema}."{table}"')
query(f"DROP SCHEMA memory.{schema}")
print(f"dropped memory.{schema}", file=sys.stderr)
PY
}

stub_pid=
cleanup() {
  # shellcheck disable=SC2086 # the stubs' process ids
  [ -z "$stub_pid" ] || kill $stub_pid 2>/dev/null || true
  drop_schema || echo "could not drop memory.$SCHEMA; drop it by hand" >&2
  rm -rf "$work"
}
trap cleanup EXIT

echo "== load the sample into memory.$SCHEMA" >&2
"${timed[@]}" "$QB" db load --workspace sample --db "$TRINO" --user querybench_loader
sample="$QUERYBENCH_HOME/sample-workspace"

# the same workspace with its database profile on Trino, as the read-only user
ws="$work/trino-workspace"
cp -r "$sample" "$ws"
rm -rf "$ws/.querybench"
awk -v schema="$SCHEMA" -v port="$PORT" '
  /^database:/ { print "database: {name: ridgeline, type: trino, host: 127.0.0.1, port: " port \
                   ", database: memory, schema: " schema ", username: querybench}"; skip = 1; next }
  skip && /^[ \t]/ { next }
  { skip = 0; print }' "$sample/querybench.yaml" >"$ws/querybench.yaml"

# gold for each engine as predictions, keyed by question id
python3 - "$sample/dataset.yaml" "$work" <<'PY'
import json, sys, yaml
questions = yaml.safe_load(open(sys.argv[1]))["questions"]
first = lambda g: g if isinstance(g, str) else g[0]
for dialect in ("sqlite", "trino"):
    json.dump({q["id"]: first(q.get("gold_dialects", {}).get(dialect, q["gold"])) for q in questions},
              open(f"{sys.argv[2]}/gold-{dialect}.json", "w"))
PY

stub_pids=()
for target in sqlite trino; do
  "$JAVA" -cp "$repo/engine/target/test-classes:$repo/engine/target/classes:$repo/engine/target/lib/*" \
    dev.querybench.engine.bench.GoldStubServer "$sample" "$LATENCY_MS" "$work/stub-$target" "$target" >&2 &
  stub_pids+=($!)
  for _ in $(seq 1 100); do [ -s "$work/stub-$target" ] && break; sleep 0.1; done
done
stub_pid="${stub_pids[*]}"

for round in $(seq 1 "$ROUNDS"); do
  for target in sqlite trino; do
    w=$sample; [ "$target" = trino ] && w=$ws
    echo "== round $round: run on $target, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    "${timed[@]}" "$QB" run --workspace "$w" --model openai:gpt-4o-mini --base-url "$(cat "$work/stub-$target")" \
      --concurrency "$CONCURRENCY" --no-cache >"$work/run.out" 2>&1 || echo "exit $?" >&2
    grep -E "KB$|^[^[ ].*[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9.]+%" "$work/run.out" | tail -n 4 >&2 || tail -n 4 "$work/run.out" >&2
  done
  for target in sqlite trino; do
    echo "== round $round: score on $target, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    if [ "$target" = trino ]; then db=(--db "$TRINO" --user querybench); else db=(--workspace "$sample"); fi
    "${timed[@]}" "$QB" score --dataset "$sample/dataset.yaml" --predictions "$work/gold-$target.json" "${db[@]}" \
      --out "$work/score-$target" >"$work/score.out" 2>&1 || echo "exit $?" >&2
    grep -iE "predictions|KB$" "$work/score.out" | tail -n 3 >&2 || tail -n 4 "$work/score.out" >&2
  done
done
