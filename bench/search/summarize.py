"""Prints bench/search.sh's table from its store: per sweep, the best FID and the time to reach 2x the best of all."""
import json
import sqlite3
import sys
from datetime import datetime


def when(text):
    # .NET's round-trip form has seven fractional digits; Python reads six.
    head, _, rest = text.partition(".")
    digits = "".join(c for c in rest if c.isdigit())
    zone = rest[len(digits):]
    return datetime.fromisoformat(f"{head}.{digits[:6]}{zone}")


db = sqlite3.connect(sys.argv[1])
rows = db.execute("""
    SELECT s.name, t.idx, t.config, t.status, t.started, t.finished, t.step, e.fid
    FROM trials t JOIN sweeps s ON s.id = t.sweep_id LEFT JOIN evaluations e ON e.trial_id = t.id
    ORDER BY s.id, t.idx""").fetchall()
sweeps = {}
for name, idx, config, status, started, finished, step, fid in rows:
    sweeps.setdefault(name, []).append(dict(idx=idx, config=json.loads(config), status=status, step=step, fid=fid,
                                            started=started and when(started), finished=finished and when(finished)))
scored = [t["fid"] for trials in sweeps.values() for t in trials if t["fid"] is not None]
best_all = min(scored)
print(f"best FID of all sweeps: {best_all:.2f}; the time column is to the first trial scoring <= {2 * best_all:.2f}")
print(f"{'sweep':<20} {'started':>7} {'completed':>9} {'stopped':>7} {'other':>5} {'best FID':>8}  {'time to 2x best':>15}  best trial")
for name, trials in sweeps.items():
    ran = [t for t in trials if t["started"]]
    first = min(t["started"] for t in ran)
    reached = [(t["finished"] - first).total_seconds() for t in ran if t["fid"] is not None and t["fid"] <= 2 * best_all and t["finished"]]
    best = min((t for t in ran if t["fid"] is not None), key=lambda t: t["fid"], default=None)
    counts = {s: sum(t["status"] == s for t in ran) for s in ("completed", "stopped")}
    other = len(ran) - sum(counts.values())
    time = f"{min(reached) / 60:.1f} min" if reached else "not reached"
    described = "" if best is None else f"#{best['idx']} ended at step {best['step']}: " + " ".join(
        f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in best["config"].items() if k != "dataset")
    print(f"{name:<20} {len(ran):>7} {counts['completed']:>9} {counts['stopped']:>7} {other:>5} "
          f"{best['fid'] if best else float('nan'):>8.2f}  {time:>15}  {described}")
