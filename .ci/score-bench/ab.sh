#!/usr/bin/env bash
# A/B series of `querybench score` on run.sh's sql-eval pairs (not a test; figures go into BENCHMARKS.md):
# the variants run alternately, N times each, and the script prints per variant the median wall time, the
# JVM's user + system CPU (/usr/bin/time) and the PostgreSQL server's CPU (the postmaster's reaped
# children's CPU read from /proc before and after each run: the backends that served the score).
#
# Needs: run.sh sqleval run once with the same BENCH_DIR (the pairs in BENCH_DIR/sqleval-pairs, the
# databases and the reader role on the server); the PostgreSQL server on this machine (its postmaster.pid
# readable, found through PGDATA or `show data_directory`); /usr/bin/time.
#   BENCH_DIR      as for run.sh (results of this script go to BENCH_DIR/ab)
#   SCORE_READER   the login role (default qb_score_reader)
#   PGURL          the server (default jdbc:postgresql://127.0.0.1:5432/)
# A variant is LABEL=LAUNCHER|JAVA_OPTIONS (the options reach the launcher as QUERYBENCH_JAVA_OPTIONS).
#
# usage: BENCH_DIR=/tmp/score-bench /work/bin/locked bash .ci/score-bench/ab.sh 5 \
#          "main=/tmp/main/bin/querybench|" "branch=engine/target/bin/querybench|"
set -euo pipefail
n=$1
shift
pairs="$BENCH_DIR/sqleval-pairs"
out="$BENCH_DIR/ab"
mkdir -p "$out"
data=${PGDATA:-$(psql -h 127.0.0.1 -U postgres -Atc "show data_directory")}
postmaster=$(head -1 "$data/postmaster.pid")
for v in "$@"; do rm -f "$out/${v%%=*}.txt"; done
server_cpu() { awk '{print $16 + $17}' "/proc/$postmaster/stat"; }   # children's user + system, in ticks
for _ in $(seq "$n"); do
  for v in "$@"; do
    label=${v%%=*}; rest=${v#*=}; qb=${rest%%|*}; opts=${rest#*|}
    c0=$(server_cpu)
    QUERYBENCH_JAVA_OPTIONS="$opts" /usr/bin/time -f "%e %U %S" -o "$out/time.txt" "$qb" score \
      --dataset "$pairs/questions.csv" --predictions "$pairs/predictions.json" --db "${PGURL:-jdbc:postgresql://127.0.0.1:5432/}" \
      --user "${SCORE_READER:-qb_score_reader}" --mode defog --out "$out/out-$label" --format json >"$out/$label.out" 2>&1
    sleep 0.2   # the backends end and are reaped
    c1=$(server_cpu)
    read -r wall user sys < "$out/time.txt"
    echo "$wall $user $sys $(( (c1 - c0) * 10 ))" >> "$out/$label.txt"
  done
done
for v in "$@"; do
  label=${v%%=*}
  sort -n "$out/$label.txt" | awk -v l="$label" '{w[NR]=$1; j[NR]=$2+$3; s[NR]=$4; all=all" "$1}
    END {n=asort(j); asort(s); printf "%-10s wall median %.2f  all:%s | jvm cpu median %.2f | server cpu median %d ms\n",
      l, w[int((NR+1)/2)], all, j[int((n+1)/2)], s[int((n+1)/2)]}'
  grep -h accuracy "$out/$label.out" | head -1 || true
done
