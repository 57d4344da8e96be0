#!/usr/bin/env python3
"""Compares QueryBench's per-item verdicts (results.json of `querybench score --out`) with an official
evaluator's (one 1/0/E line per pair) and prints the agreement and every disagreement.

usage: agreement.py RESULTS_JSON OFFICIAL_TXT [LABEL]
"""
import json
import sys


def main(argv):
    ours = json.load(open(argv[0]))["items"]
    official = [l.strip() for l in open(argv[1]) if l.strip()]
    label = argv[2] if len(argv) > 2 else "official"
    if len(ours) != len(official):
        sys.exit("%d verdicts here, %d there" % (len(ours), len(official)))
    code = {"PASS": "1", "FAIL": "0", "ERROR": "E"}
    same = 0
    excluded = 0
    differ = []
    for item, theirs in zip(ours, official):
        mine = code[item["outcome"]]
        # X: the official comparison raised, which its runner counts as incorrect
        theirs_verdict = "0" if theirs == "X" else theirs
        if mine == theirs_verdict:
            same += 1
        elif mine == "E" and theirs_verdict in ("0", "E"):
            excluded += 1
        else:
            differ.append((item["questionId"], mine, theirs, item["reason"], item["flags"]))
    quirks = sum(1 for i in ours if "official-quirk" in i["flags"])
    raised = sum(1 for v in official if v == "X")
    print("%s: %d of %d verdicts agree (%.2f%%); %d differ; %d are ERROR here (a failing gold query or database,"
          " excluded from accuracy) and wrong or a crash there; %d items flagged official-quirk here; the official"
          " comparison raised on %d (counted incorrect)" % (label, same, len(ours), 100.0 * same / len(ours),
                                                          len(differ), excluded, quirks, raised))
    for qid, mine, theirs, reason, flags in differ[:40]:
        print("  %s: querybench %s, %s %s — %s %s" % (qid, mine, label, theirs, reason, flags))


if __name__ == "__main__":
    main(sys.argv[1:])
