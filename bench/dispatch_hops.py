#!/usr/bin/env python3
"""Where a short trial's time goes, from the marks of SWEEP_DISPATCH_TRACE (Silo.Telemetry.DispatchTrace).

    dispatch_hops.py FOLDER...

Each folder holds one run's *.trace files. Prints, per hop, the median over every trial of every
run given, in milliseconds, and the slot's whole cycle from one poll to the next.
"""
import glob
import os
import statistics
import sys

# (name, from mark, to mark), in the order a trial passes them.
HOPS = [
    ("claim (the scheduler's store calls)", "claiming", "claimed"),
    ("poll call, less the claim", None, None),
    ("claim to the trainer (stdin)", "assigned", "received"),
    ("trainer starts the trial", "received", "built"),
    ("train, metrics, weights, evaluation", "built", "trained"),
    ("finish", "trained", "finished"),
    ("slot notices the end", "finished", "noticed"),
    ("ended told to the trial grain", "noticed", "told"),
    ("slot's next poll", None, None),
]


def read(folder):
    marks = {}
    for path in glob.glob(os.path.join(folder, "*.trace")):
        with open(path) as f:
            for line in f:
                trial, hop, micros, slot = line.split()
                marks.setdefault(int(trial), {})[hop] = (int(micros) / 1000.0, slot)
    return marks


def hops(marks):
    spans = {name: [] for name, _, _ in HOPS}
    spans["cycle (poll to the slot's next poll)"] = []
    by_slot = {}
    for trial, m in marks.items():
        if "poll" in m:
            by_slot.setdefault(m["poll"][1], []).append(m)
        for name, a, b in HOPS:
            if a and a in m and b in m:
                spans[name].append(m[b][0] - m[a][0])
        if all(k in m for k in ("poll", "assigned", "claiming", "claimed")):
            spans["poll call, less the claim"].append(
                (m["assigned"][0] - m["poll"][0]) - (m["claimed"][0] - m["claiming"][0]))
    # The store writes within "train, metrics, weights, evaluation": each WRITE-start to WRITE-end (Slots/StoreSink).
    for m in marks.values():
        for hop, (start, _) in m.items():
            if hop.endswith("-start") and (end := m.get(hop[:-6] + "-end")):
                spans.setdefault("  of which writing " + hop[:-6], []).append(end[0] - start)
    for trials in by_slot.values():
        trials.sort(key=lambda m: m["poll"][0])
        for this, following in zip(trials, trials[1:]):
            spans["cycle (poll to the slot's next poll)"].append(following["poll"][0] - this["poll"][0])
            if "told" in this:
                spans["slot's next poll"].append(following["poll"][0] - this["told"][0])
    return spans


def main(folders):
    marks = {}
    for i, folder in enumerate(folders):
        for trial, m in read(folder).items():
            marks[(i, trial)] = m
    spans = hops(marks)
    writes = sorted(name for name in spans if name.startswith(" "))
    order = [name for name, _, _ in HOPS]
    train = order.index("train, metrics, weights, evaluation") + 1
    order[train:train] = writes
    total = 0.0
    for name, values in ((name, spans[name]) for name in order + ["cycle (poll to the slot's next poll)"]):
        if not values:
            print(f"  {name:<42} no marks")
            continue
        median = statistics.median(values)
        if not name.startswith(("cycle", " ")):
            total += median
        print(f"  {name:<42} {median:8.1f} ms median ({len(values)} trials; p90 {statistics.quantiles(values, n=10)[-1]:.1f})")
    print(f"  {'sum of the hops medians':<42} {total:8.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
