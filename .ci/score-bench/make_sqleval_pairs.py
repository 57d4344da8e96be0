#!/usr/bin/env python3
"""Builds sql-eval gold/prediction pairs on PostgreSQL for the side-by-side score benchmark.

Loads defog-data's databases (defog_data/<db>/<db>.sql) into the PostgreSQL server given by the
usual PG* variables (each as a database of its own name, dropped first), then writes under OUT
(keep it outside the repository):
  questions.csv     sql-eval's PostgreSQL questions, one row per pair (its columns, as it reads them)
  predictions.json  {"<row>": "<predicted sql>"} for `querybench score`
Predictions per question: the first gold query, and perturbations a model could make: DISTINCT
added, ORDER BY direction flipped, LIMIT changed, an extra column, no rows at all, another
question's gold on the same database.

usage: make_sqleval_pairs.py SQL_EVAL_DATA_DIR DEFOG_DATA_DIR OUT [--no-load] [--seed S]
"""
import csv
import json
import os
import random
import re
import subprocess
import sys

import pandas as pd

FILES = ["questions_gen_postgres.csv", "instruct_basic_postgres.csv", "instruct_advanced_postgres.csv"]


def load(defog_dir, databases):
    for db in sorted(databases):
        subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-c",
                        "DROP DATABASE IF EXISTS %s WITH (FORCE)" % db], check=True)
        subprocess.run(["psql", "-q", "-d", "postgres", "-c", "CREATE DATABASE %s" % db], check=True)
        subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-f",
                        os.path.join(defog_dir, "defog_data", db, db + ".sql")], check=True,
                       stdout=subprocess.DEVNULL)


def first_query(query):
    part = [p.strip() for p in query.split(";") if p.strip()][0]
    m = re.search(r"\{([^}]*)\}", part)
    if not m:
        return part
    cols = m.group(1)
    return (part[:m.start()] + cols + part[m.end():]).replace("GROUP BY {}", "GROUP BY " + cols)


def perturbations(gold, same_db, rnd):
    out = []
    if not re.search(r"(?i)^\s*(with|select\s+distinct)", gold):
        out.append(re.sub(r"(?i)^\s*select\s+", "SELECT DISTINCT ", gold, count=1))
    if re.search(r"(?i)\bdesc\b", gold):
        out.append(re.sub(r"(?i)\bdesc\b", "ASC", gold))
    elif re.search(r"(?i)\basc\b", gold):
        out.append(re.sub(r"(?i)\basc\b", "DESC", gold))
    if re.search(r"(?i)limit\s+\d+", gold):
        out.append(re.sub(r"(?i)limit\s+(\d+)", lambda x: "LIMIT %d" % (int(x.group(1)) + 1), gold))
    body = gold.rstrip().rstrip(";")
    out.append("SELECT 1 AS one, q.* FROM (%s) AS q" % body)
    out.append("SELECT * FROM (%s) AS q WHERE 1 = 0" % body)
    others = [q for q in same_db if q != gold]
    if others:
        out.append(rnd.choice(others))
    return out


def main(argv):
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 7
    args = [a for a in argv if not a.startswith("--") and a != str(seed)]
    data_dir, defog_dir, out = args[:3]
    rnd = random.Random(seed)
    frames = []
    for name in FILES:
        df = pd.read_csv(os.path.join(data_dir, name))
        frames.append(df[["db_name", "query_category", "question", "query"]
                         + (["instructions"] if "instructions" in df.columns else [])])
    questions = pd.concat(frames, ignore_index=True).fillna("")
    if "--no-load" not in argv:
        load(defog_dir, set(questions["db_name"]))
    by_db = {}
    for _, row in questions.iterrows():
        by_db.setdefault(row["db_name"], []).append(first_query(row["query"]))
    rows, predictions = [], {}
    for _, row in questions.iterrows():
        gold = first_query(row["query"])
        for p in [gold] + perturbations(gold, by_db[row["db_name"]], rnd):
            predictions[str(len(rows))] = p
            rows.append(row)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "questions.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["db_name", "query_category", "question", "query", "instructions"])
        for row in rows:
            w.writerow([row["db_name"], row["query_category"], row["question"], row["query"],
                        row.get("instructions", "")])
    with open(os.path.join(out, "predictions.json"), "w") as f:
        json.dump(predictions, f)
    print("%d pairs over %d databases in %s" % (len(rows), len(by_db), out))


if __name__ == "__main__":
    main(sys.argv[1:])
