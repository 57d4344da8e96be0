#!/usr/bin/env bash
# The safe executor's overhead per query against plain JDBC, on every engine, as in BENCHMARKS.md.
# Needs the servers .ci/run starts (PostgreSQL, MariaDB, Trino) and a built engine jar:
#   ./mvnw -q -B -DskipTests package -pl engine && bash .ci/benchmark.sh [RUNS]
# Loads the sample database into throwaway databases (dropped at the end) and runs
# `querybench db profile --raw` for three queries per engine.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
RUNS=${1:-200}
WARMUP=$((RUNS / 10))
NAME=qb_bench_$$
TRINO_HTTP=http://127.0.0.1:${QUERYBENCH_TRINO_PORT:-18080}
home=$(mktemp -d)
export QUERYBENCH_HOME=$home

qb() { "$JAVA_HOME/bin/java" -jar engine/target/querybench-engine.jar "$@"; }

trino_exec() {
  # runs one statement as the loader over Trino's HTTP protocol, following nextUri to the end
  local next uri
  next=$(curl -fsS -X POST -H 'X-Trino-User: querybench_loader' --data "$1" "$TRINO_HTTP/v1/statement")
  while uri=$(printf '%s' "$next" | sed -n 's/.*"nextUri":"\([^"]*\)".*/\1/p') && [ -n "$uri" ]; do
    next=$(curl -fsS -H 'X-Trino-User: querybench_loader' "$uri")
  done
}

cleanup() {
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null 2>&1 || true
  psql -q -h 127.0.0.1 -U postgres -c "DROP ROLE IF EXISTS ${NAME}_reader" >/dev/null 2>&1 || true
  mariadb -h 127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $NAME" >/dev/null 2>&1 || true
  mariadb -h 127.0.0.1 -uroot -e "DROP USER IF EXISTS '${NAME}_reader'@'%'" >/dev/null 2>&1 || true
  for table in regions stores employees customers suppliers categories products inventory orders order_items \
      payments shipments product_returns querybench_schema_version; do
    trino_exec "DROP TABLE IF EXISTS memory.$NAME.$table" || true
  done
  trino_exec "DROP SCHEMA IF EXISTS memory.$NAME" || true
  rm -rf "$home"
}
trap cleanup EXIT

psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $NAME"
mariadb -h 127.0.0.1 -uroot -e "CREATE DATABASE $NAME"

SQLITE="jdbc:sqlite:$home/sample-workspace/.querybench/ridgeline.db"
PG="jdbc:postgresql://127.0.0.1:5432/$NAME"
MY="jdbc:mysql://127.0.0.1:3306/$NAME"
TR="jdbc:trino://127.0.0.1:${QUERYBENCH_TRINO_PORT:-18080}/memory/$NAME"

qb validate db >/dev/null   # writes the sample workspace and builds its SQLite file
qb db load --db "$PG" --user postgres
qb db load --db "$MY" --user root
qb db load --db "$TR" --user querybench_loader
# untrusted SQL runs under reader accounts (a privileged one is refused): made the way users make them
export QB_BENCH_READER_PW="bench-$$"
qb db reader --db "$PG" --user postgres --name "${NAME}_reader" --reader-password-env QB_BENCH_READER_PW
qb db reader --db "$MY" --user root --name "${NAME}_reader" --reader-password-env QB_BENCH_READER_PW

for query in "SELECT 1" "SELECT COUNT(*) FROM orders" "SELECT * FROM order_items"; do
  for target in "$SQLITE|" "$PG|${NAME}_reader" "$MY|${NAME}_reader" "$TR|querybench"; do
    url=${target%%|*}
    user=${target#*|}
    password=()
    case $user in *_reader) password=(--password-env QB_BENCH_READER_PW) ;; esac
    echo
    qb db profile --db "$url" ${user:+--user "$user"} "${password[@]}" --runs "$RUNS" --warmup "$WARMUP" --raw "$query"
  done
done
