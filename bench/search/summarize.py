"""Prints bench/search.sh's table from its store: per sweep, the best FID, the time to reach 2x the best of all
and the time to reach the reference's (the first sweep's, the grid's) best; each sweep's best FID at 10 and 20
minutes and at its end; then its best FID so far over time. Given several stores (summarize.py DB [DB...]), it
reads the sweeps of each in the order given, and ends with each arm's spread over the seeds it ran at (an arm
is a sweep's name without the -sSEED that bench/search.sh adds; a name an earlier store has gets #N, N the
store's place in the arguments)."""
import json
import os
import re
import sqlite3
import sys
from datetime import datetime


def when(text):
    # .NET's round-trip form has seven fractional digits; Python reads six.
    head, _, rest = text.partition(".")
    digits = "".join(c for c in rest if c.isdigit())
    zone = rest[len(digits):]
    return datetime.fromisoformat(f"{head}.{digits[:6]}{zone}")


if len(sys.argv) < 2:
    sys.exit("usage: summarize.py DB [DB...] (the stores bench/search.sh wrote: WORK/search.db)")
sweeps = {}
for place, path in enumerate(sys.argv[1:], start=1):
    if not os.path.isfile(path):
        sys.exit(f"summarize.py: {path} is not a file; give the store bench/search.sh wrote (WORK/search.db)")
    rows = sqlite3.connect(path).execute("""
        SELECT s.name, t.idx, t.config, t.status, t.started, t.finished, t.step, e.fid
        FROM trials t JOIN sweeps s ON s.id = t.sweep_id LEFT JOIN evaluations e ON e.trial_id = t.id
        ORDER BY s.id, t.idx""").fetchall()
    # A name that an earlier store also has (one arm at another seed, run before -sSEED named them) gets the store's place.
    repeated = {row[0] for row in rows} & sweeps.keys()
    for name, idx, config, status, started, finished, step, fid in rows:
        sweeps.setdefault(f"{name}#{place}" if name in repeated else name, []).append(
            dict(idx=idx, config=json.loads(config), status=status, step=step, fid=fid,
                 started=started and when(started), finished=finished and when(finished)))
# The width of the name column: the longest sweep name, and never narrower than the tables' usual 20.
W = max([20, *map(len, sweeps)])
scored = [t["fid"] for trials in sweeps.values() for t in trials if t["fid"] is not None]
if not scored:
    sys.exit(f"summarize.py: no trial in {' '.join(sys.argv[1:])} has an FID yet; a trial is scored when it ends, so wait for one")
best_all = min(scored)


def ended(trials):
    """Each scored trial's minutes from the sweep's first start to its end, with its FID, in order of ending."""
    ran = [t for t in trials if t["started"]]
    if not ran:
        return []
    first = min(t["started"] for t in ran)
    return sorted(((t["finished"] - first).total_seconds() / 60, t["fid"]) for t in ran if t["fid"] is not None and t["finished"])


# The minutes the issue asks each sweep's best FID at, and the end: the trials a budget stops are scored just past it.
MARKS = (10, 20, float("inf"))
MARK_NAMES = [f"{m} min" if m < MARKS[-1] else "the end" for m in MARKS]


def time_to(trials, fid):
    reached = [minutes for minutes, score in ended(trials) if score <= fid]
    return f"{min(reached):.1f} min" if reached else "not reached"


reference, reference_trials = next(iter(sweeps.items()))
# A reference that has scored nothing yet (its arm still running) is measured against nothing.
reference_best = min((t["fid"] for t in reference_trials if t["fid"] is not None), default=float("-inf"))
print(f"best FID of all sweeps: {best_all:.2f}; times are from each sweep's first trial start to the end of its first trial scoring "
      f"<= {2 * best_all:.2f} (2x best), or <= {reference_best:.2f} ({reference}'s best)")
print(f"{'sweep':<{W}} {'started':>7} {'completed':>9} {'stopped':>7} {'other':>5} {'best FID':>8}  {'2x best':>11}  {'ref. best':>11}  best trial")
for name, trials in sweeps.items():
    ran = [t for t in trials if t["started"]]
    best = min((t for t in ran if t["fid"] is not None), key=lambda t: t["fid"], default=None)
    counts = {s: sum(t["status"] == s for t in ran) for s in ("completed", "stopped")}
    other = len(ran) - sum(counts.values())
    described = "" if best is None else f"#{best['idx']} ended at step {best['step']}: " + " ".join(
        f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in best["config"].items() if k != "dataset")
    print(f"{name:<{W}} {len(ran):>7} {counts['completed']:>9} {counts['stopped']:>7} {other:>5} "
          f"{best['fid'] if best else float('nan'):>8.2f}  {time_to(trials, 2 * best_all):>11}  {time_to(trials, reference_best):>11}  {described}")
print("best FID so far, at the minute each improvement ended:")
for name, trials in sweeps.items():
    steps, best = [], float("inf")
    for minutes, fid in ended(trials):
        if fid < best:
            best = fid
            steps.append(f"{fid:.1f} @{minutes:.1f}")
    print(f"{name:<{W}} {', '.join(steps)}")


def best_by(trials):
    """The sweep's best FID at each of MARKS, None before its first score."""
    return [min((fid for minutes, fid in ended(trials) if minutes <= m), default=None) for m in MARKS]


print(f"{'best FID by then:':<{W}}" + "".join(f"{mark:>10}" for mark in MARK_NAMES))
for name, trials in sweeps.items():
    print(f"{name:<{W}}" + "".join(f"{'-' if b is None else f'{b:.1f}':>10}" for b in best_by(trials)))
arms = {}
for name, trials in sweeps.items():
    arms.setdefault(re.sub(r"(-s\d+)?(#\d+)?$", "", name), []).append(best_by(trials))
if any(len(runs) > 1 for runs in arms.values()):
    # The arm and its count of runs fill the heading's width, so the columns line up under it.
    width = W + 26
    print(f"{'spread over seeds, lowest to highest best FID:':<{width}}" + "".join(f"{mark:>14}" for mark in MARK_NAMES))
    for arm, runs in arms.items():
        spans = []
        for at in zip(*runs):
            known = [b for b in at if b is not None]
            spans.append("-" if len(known) < len(at) else f"{known[0]:.1f}" if len(known) == 1 else f"{min(known):.1f}-{max(known):.1f}")
        runs_of = f"{arm:<{W}} {len(runs)} run{'s' if len(runs) > 1 else ''}"
        print(f"{runs_of:<{width}}" + "".join(f"{span:>14}" for span in spans))
