#!/usr/bin/env python3
"""Builds Spider-format gold/prediction pairs for the side-by-side score benchmark.

From Spider's dev.json and tables.json (the official release, or the copies in its evaluation
examples) it writes, under OUT (keep it outside the repository):
  database/<db>/<db>.sqlite   every dev database, rebuilt from tables.json with synthetic rows
                              (values drawn from the literals the gold queries use, so filters match)
  dev.json                    the questions repeated once per prediction (pair i = entry i)
  gold.txt, pred.txt          the same pairs in the official evaluator's input format
Predictions per question: the gold itself, the given prediction file's line (if any), and
perturbations a model could make: DISTINCT added or dropped, ORDER BY direction flipped, a float
cast of the first column (1 vs 1.0), LIMIT changed, another question's gold on the same database.

usage: make_spider_pairs.py DEV_JSON TABLES_JSON OUT [PRED_TXT] [--rows N] [--seed S]
"""
import json
import os
import random
import re
import sqlite3
import sys


def literals(queries):
    strings, numbers = set(), set()
    for q in queries:
        for s in re.findall(r"'([^']*)'|\"([^\"]*)\"", q):
            v = s[0] or s[1]
            if v and '%' not in v:
                strings.add(v)
        for n in re.findall(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])", q):
            numbers.add(float(n) if '.' in n else int(n))
    return sorted(strings), sorted(numbers, key=float)


def build_db(path, schema, queries, rows, rnd):
    strings, numbers = literals(queries)
    words = strings + ["alpha", "beta", "gamma", "delta", "Smith", "Jones", "USA", "France", "2008", "Male", "Female"]
    nums = [n for n in numbers if isinstance(n, int)] + list(range(1, 12)) + [15, 20, 25, 30, 35, 40, 50, 60, 100]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path):
        os.remove(path)
    con = sqlite3.connect(path)
    tables = schema["table_names_original"]
    columns = schema["column_names_original"]
    types = schema["column_types"]
    for t, table in enumerate(tables):
        if table.lower().startswith("sqlite_"):
            continue
        cols = [(c[1], types[i]) for i, c in enumerate(columns) if c[0] == t]
        decl = ", ".join('"%s" %s' % (name, "REAL" if ty == "number" and rnd.random() < 0.15 else
                                      ("INTEGER" if ty == "number" else "TEXT")) for name, ty in cols)
        con.execute('CREATE TABLE "%s" (%s)' % (table, decl))
        n = rnd.randint(max(3, rows // 3), rows)
        for r in range(n):
            values = []
            for i, (name, ty) in enumerate(cols):
                if i == 0 and ty == "number":
                    values.append(r + 1)
                elif ty == "number":
                    v = rnd.choice(nums)
                    values.append(v + 0.5 if rnd.random() < 0.1 else v)
                elif rnd.random() < 0.05:
                    values.append(None)
                else:
                    values.append(rnd.choice(words))
            con.execute('INSERT INTO "%s" VALUES (%s)' % (table, ",".join("?" * len(values))), values)
    con.commit()
    con.close()


def perturbations(gold, same_db, rnd):
    out = []
    if re.search(r"(?i)\bdistinct\b", gold):
        out.append(re.sub(r"(?i)\bdistinct\s+", "", gold, count=1))
    else:
        out.append(re.sub(r"(?i)^\s*select\s+", "SELECT DISTINCT ", gold, count=1))
    if re.search(r"(?i)\bdesc\b", gold):
        out.append(re.sub(r"(?i)\bdesc\b", "ASC", gold))
    elif re.search(r"(?i)order\s+by", gold):
        out.append(re.sub(r"(?i)(order\s+by\s+[\w.()*]+)", r"\1 DESC", gold, count=1))
    m = re.match(r"(?is)^\s*select\s+(count\(\*\)|[\w.]+)(.*)$", gold)
    if m and "count" in m.group(1).lower():
        out.append("SELECT %s * 1.0%s" % (m.group(1), m.group(2)))
    if re.search(r"(?i)limit\s+\d+", gold):
        out.append(re.sub(r"(?i)limit\s+(\d+)", lambda x: "LIMIT %d" % (int(x.group(1)) + 1), gold))
    others = [q for q in same_db if q != gold]
    if others:
        out.append(rnd.choice(others))
    return out


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    rows = int(argv[argv.index("--rows") + 1]) if "--rows" in argv else 30
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 7
    if "--rows" in argv:
        args.remove(str(rows))
    if "--seed" in argv:
        args.remove(str(seed))
    dev_json, tables_json, out = args[:3]
    pred_txt = args[3] if len(args) > 3 else None
    rnd = random.Random(seed)
    dev = json.load(open(dev_json))
    tables = {t["db_id"]: t for t in json.load(open(tables_json))}
    by_db = {}
    for q in dev:
        by_db.setdefault(q["db_id"], []).append(q["query"])
    for db, queries in sorted(by_db.items()):
        build_db(os.path.join(out, "database", db, db + ".sqlite"), tables[db], queries, rows, rnd)
    given = open(pred_txt).read().splitlines() if pred_txt else []
    pairs = []
    for i, q in enumerate(dev):
        gold = q["query"]
        preds = [gold]
        if i < len(given) and given[i].strip():
            preds.append(given[i].split("\t")[0].strip())
        preds += perturbations(gold, by_db[q["db_id"]], rnd)
        for p in preds:
            pairs.append((q, " ".join(p.split())))
    with open(os.path.join(out, "dev.json"), "w") as f:
        json.dump([{"db_id": q["db_id"], "question": q["question"], "query": q["query"]} for q, _ in pairs], f)
    with open(os.path.join(out, "gold.txt"), "w") as f:
        f.writelines("%s\t%s\n" % (" ".join(q["query"].split()), q["db_id"]) for q, _ in pairs)
    with open(os.path.join(out, "pred.txt"), "w") as f:
        f.writelines(p + "\n" for _, p in pairs)
    print("%d pairs over %d databases in %s" % (len(pairs), len(by_db), out))


if __name__ == "__main__":
    main(sys.argv[1:])
