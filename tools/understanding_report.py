#!/usr/bin/env python3
"""Accuracy of the understander per slice of the labeled data set, per catalogue and split.

    .venv/bin/python tools/understanding_report.py [--catalogue FILE ...]
        [--split dev|extra|heldout|heldout2|heldout3|heldout4|all|a,b,...] [--failures] [--json] [--large]
    .venv/bin/python tools/understanding_report.py --fit [--fit-splits dev,extra]

`--fit` refits the confidence model (dialogs/understanding/calibration.py COEF) on the
procedure answers of the given splits over every catalogue and prints the coefficients and, per
acceptance threshold, how many answers would be accepted and how many of those are wrong.
Fit only on splits used for tuning, never on a held-out one.

Data: tests/understanding/data/*.jsonl (rows), tests/understanding/data/labels.toml and labels-*.toml (labels ->
procedure codes or names). Lexicon: config/lexicon/*.toml.
"""
from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.catalogue import parse_catalogue  # noqa: E402
from dialogs.understanding import Lexicon, build_understander  # noqa: E402
from dialogs.understanding import calibration  # noqa: E402
from dialogs.understanding.evaluate import evaluate, judge, merge_labels  # noqa: E402
from dialogs.understanding.synthetic import large_catalogue  # noqa: E402

DATA = ROOT / "tests" / "understanding" / "data"
DEFAULT_CATALOGUES = ["config/catalogues/demo.json", "config/catalogues/other-thanhhoa.json",
                      "config/catalogues/other-ward.json",
                      "config/catalogues/other-district.json"]


def load_rows(split: str) -> list[dict]:
    rows = []
    for path in sorted(DATA.glob("*.jsonl")):
        file_split = path.stem
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                row.setdefault("split", file_split)
                if split == "all" or row["split"] in split.split(","):
                    rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--catalogue", action="append")
    ap.add_argument("--split", default="all")
    ap.add_argument("--failures", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--large", action="store_true",
                    help="also each catalogue grown to 2,296 procedures with generated ones")
    ap.add_argument("--fit", action="store_true", help="refit the confidence model")
    ap.add_argument("--fit-splits", default="dev,extra")
    ap.add_argument("--l2", type=float, default=0.5)
    args = ap.parse_args(argv)
    labels = merge_labels(*(tomllib.loads(p.read_text(encoding="utf-8"))
                            for p in [DATA / "labels.toml", *sorted(DATA.glob("labels-*.toml"))]))
    lexicon = Lexicon.from_toml_texts([p.read_text(encoding="utf-8") for p in
                                       sorted((ROOT / "config" / "lexicon").glob("*.toml"))])
    if args.fit:
        return _fit(args, labels, lexicon)
    rows = load_rows(args.split)
    report = {}
    for cpath in args.catalogue or DEFAULT_CATALOGUES:
        path = ROOT / cpath if not Path(cpath).is_absolute() else Path(cpath)
        if not path.exists():
            print(f"skipped {cpath}: no such file", file=sys.stderr)
            continue
        base = parse_catalogue(json.loads(path.read_text(encoding="utf-8")))
        for cat, cname in ([(base, cpath)] + ([(large_catalogue(base), cpath + "+2296")]
                                              if args.large else [])):
            report[cname] = _report(cat, cname, lexicon, rows, labels, args)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


def _fit(args, labels, lexicon) -> int:
    import numpy as np
    rows = [r for sp in args.fit_splits.split(",") for r in load_rows(sp)]
    xs, ys = [], []
    n_all = 0
    for cpath in args.catalogue or DEFAULT_CATALOGUES:
        cat = parse_catalogue(json.loads((ROOT / cpath).read_text(encoding="utf-8")))
        und = build_understander(cat, lexicon)
        for row in rows:
            o = judge(cat, und, row, labels)
            if o is None:
                continue
            n_all += 1
            if und.last_features is None:
                continue
            # Right when the best candidate is right, whatever the decision was (the decision
            # is what the model is for). A procedure of the asked field is right for a field.
            best = o.candidates[0] if o.candidates else None
            if row["intent"] == "procedure":
                ok = best in o.expected
            elif row["intent"] == "field":
                ok = best is not None and cat.procedure(best).field_id in o.expected
            else:
                ok = False
            xs.append(und.last_features)
            ys.append(1.0 if ok else 0.0)
    X, y = np.array(xs), np.array(ys)
    w = fit_logistic(X, y, args.l2)
    if w[9] > 0:    # an unknown word must never raise the confidence: refit without it
        X0 = X.copy()
        X0[:, 9] = 0.0
        w = fit_logistic(X0, y, args.l2)
        w[9] = 0.0
    print("COEF = (" + ", ".join(f"{c:.2f}" for c in w) + ")")
    p = 1 / (1 + np.exp(-(X @ w)))
    rel = X[:, 7]
    print(f"{len(y)} procedure answers of {n_all} rows; {int(y.sum())} right")
    print(f"{'accept_at':>10}{'accepted':>10}{'wrong':>8}{'wrong/all':>11}")
    for t in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95):
        acc = ((p >= t) & (rel >= calibration.MIN_REL_MARGIN)
               & (X[:, 9] < calibration.MAX_UNKNOWN) & (X[:, 3] >= calibration.MIN_ACCEPT_Q))
        wrong = int((acc & (y == 0)).sum())
        print(f"{t:>10.2f}{int(acc.sum()):>10}{wrong:>8}{wrong / max(1, n_all):>11.3f}")
    return 0


def fit_logistic(X, y, l2: float = 0.5, iters: int = 50):
    """L2-regularized logistic regression (Newton's method); the bias (column 0) is not shrunk."""
    import numpy as np
    w = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], l2)
    reg[0] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(X @ w)))
        g = X.T @ (p - y) + reg * w
        h = (X * (p * (1 - p))[:, None]).T @ X + np.diag(reg + 1e-9)
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def _report(cat, cpath, lexicon, rows, labels, args) -> dict:
    if True:
        und = build_understander(cat, lexicon)
        tallies = evaluate(cat, und, rows, labels)
        out = {k: t.as_dict() for k, t in sorted(tallies.items())}
        if not args.json:
            print(f"== {cpath} ({len(cat.procedures)} procedures), split {args.split}")
            print(f"{'slice':<16}{'n':>5}{'top1':>8}{'top3':>8}{'accept':>8}{'conf.wrong':>12}")
            for k, t in sorted(tallies.items(), key=lambda kv: (kv[0] != "all", kv[0])):
                d = t.as_dict()
                print(f"{k:<16}{d['n']:>5}{d['top1']:>8.3f}{d['top3']:>8.3f}"
                      f"{d['accept_rate']:>8.3f}{d['confident_wrong']:>12.3f}")
            if args.failures:
                for o in tallies.get("all").failures if "all" in tallies else []:
                    names = [cat.procedure(c).name[:40] for c in o.candidates if cat.procedure(c)]
                    print(f"  {'WRONG+ACCEPT' if o.confident_wrong else 'miss':<12} "
                          f"[{o.row.get('slice')}] {o.row['text']!r} want {o.row['intent']}"
                          f" {o.row.get('proc') or o.row.get('field') or o.row.get('value') or ''}"
                          f" got {o.got_intent}/{o.decision} {names}")
    return out


if __name__ == "__main__":
    sys.exit(main())
