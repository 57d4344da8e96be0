#!/usr/bin/env python3
"""Runs defog sql-eval's comparison (eval.eval.compare_query_results) on every pair, one verdict per line.

Called as its runners call it (PostgreSQL, the row's question and query_category, no rounding);
an exception counts as incorrect, as the runners count it. SQL_EVAL_DIR is a checkout of
defog-ai/sql-eval; the server is the one its utils/creds.py reads (DBHOST, DBPORT, DBUSER,
DBPASSWORD). Prints 1 (correct), 0 (incorrect) or X (incorrect because an exception was raised)
per pair, and the seconds the comparisons took.

usage: SQL_EVAL_DIR=... official_sqleval.py QUESTIONS_CSV PREDICTIONS_JSON OUT
"""
import json
import os
import sys
import time

sys.path.insert(0, os.environ["SQL_EVAL_DIR"])
sys.path.insert(1, os.path.join(os.path.dirname(os.path.abspath(__file__)), "shims"))
import pandas as pd  # noqa: E402
from eval.eval import compare_query_results  # noqa: E402
from utils.creds import db_creds_all  # noqa: E402


def main(argv):
    questions = pd.read_csv(argv[0])
    predictions = json.load(open(argv[1]))
    verdicts = []
    start = time.time()
    for i, row in questions.iterrows():
        try:
            _, correct = compare_query_results(query_gold=row["query"], query_gen=predictions[str(i)],
                                               db_name=row["db_name"], db_type="postgres",
                                               db_creds=db_creds_all["postgres"], question=row["question"],
                                               query_category=row["query_category"])
            verdicts.append("1" if correct else "0")
        except Exception:
            verdicts.append("X")
    elapsed = time.time() - start
    with open(argv[2], "w") as f:
        f.write("\n".join(verdicts) + "\n")
    print("compared %d pairs in %.2f s" % (len(verdicts), elapsed))


if __name__ == "__main__":
    main(sys.argv[1:])
