#!/usr/bin/env python3
"""Runs the official Spider test-suite evaluator's execution match on every pair, one verdict per line.

Does what its evaluation.py does for --etype exec, pair by pair (each predicted line's first tab
field, "value" replaced by "1", then exec_eval.eval_exec_match), so the verdicts can be compared
one by one; evaluation.py itself prints only totals. SPIDER_EVAL_DIR is a checkout of
taoyds/test-suite-sql-eval. Prints 1 (match), 0 (no match) or E (the evaluator raised, e.g. a
failing gold query) per pair.

usage: SPIDER_EVAL_DIR=... official_spider.py GOLD_TXT PRED_TXT DB_DIR OUT [--plug_value] [--keep_distinct]
"""
import os
import sys

sys.path.insert(0, os.environ["SPIDER_EVAL_DIR"])
from exec_eval import eval_exec_match  # noqa: E402


def main(argv):
    gold_txt, pred_txt, db_dir, out = argv[:4]
    plug = "--plug_value" in argv
    keep = "--keep_distinct" in argv
    golds = [l.strip().split("\t") for l in open(gold_txt) if l.strip()]
    preds = [l.strip().split("\t") for l in open(pred_txt)]
    verdicts = []
    for (g_str, db), p in zip(golds, preds):
        p_str = (p[0] if p else "").replace("value", "1")
        path = os.path.join(db_dir, db, db + ".sqlite")
        try:
            verdicts.append(str(eval_exec_match(db=path, p_str=p_str, g_str=g_str, plug_value=plug,
                                                keep_distinct=keep, progress_bar_for_each_datapoint=False)))
        except Exception as e:  # the official script stops here; the harness records it and goes on
            verdicts.append("E")
    with open(out, "w") as f:
        f.write("\n".join(verdicts) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
