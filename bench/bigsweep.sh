#!/usr/bin/env bash
# bench/run.sh bigsweep [TRIALS] [REFERENCE_TRIALS]: what a large sweep costs its user, against a
# small one measured the same way in the same run. For each size, a random sweep of that many
# toy-lab trials of 5 steps is stored and started with `sweep run` on a fresh SQLite file; 15 s
# after its workers start it gets SIGTERM (Ctrl-C's path), and the time to exit (checkpoints and
# the table included) and the lines printed are measured. Then `sweep dashboard` serves the store,
# one client reads the sweep's event stream for 40 s, and the server's resident memory and CPU
# time are sampled every 10 s: at the first sample the model has been built and sent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
trials=${1:-100000}
reference=${2:-1000}
sweep="dotnet $root/src/Coordinator/bin/Release/net10.0/sweep.dll"
dotnet build "$root/src/Coordinator" -c Release -nologo -clp:ErrorsOnly >/dev/null
work=$(mktemp -d)
trap 'pkill -f "$work" 2>/dev/null || true; rm -rf "$work"' EXIT
export DOTNET_JITMinOpts=1

measure() {
  local count=$1 db=$work/s$1.db
  printf 'name: big\nmethod: random\nrun_cap: %s\nmetric: {name: wasserstein, goal: minimize}\nbase: {dataset: gaussian, arch: toy, steps: 5, log_every: 5}\nparameters:\n  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.01}\n' "$count" >"$work/big.yaml"
  local start=$(date +%s.%N)
  $sweep run "$work/big.yaml" --store "$db" >"$work/out" 2>"$work/err" &
  local pid=$!
  until grep -q "Running on" "$work/out" 2>/dev/null; do sleep 0.2; done
  local stored=$(echo "$(date +%s.%N) - $start" | bc)
  sleep 15
  local term=$(date +%s.%N)
  kill -TERM $pid 2>/dev/null || true  # a small sweep may have ended by itself
  wait $pid || true
  local stop=$(echo "$(date +%s.%N) - $term" | bc)
  local lines=$(wc -l <"$work/out")
  $sweep dashboard --store "$db" --port 0 >"$work/dash" 2>&1 &
  local dashboard=$!
  until grep -q "^Dashboard" "$work/dash"; do sleep 0.2; done
  local url=$(sed -n 's/.* at \(http[^ ]*\)\/ .*/\1/p' "$work/dash")
  timeout 45 curl -sN "$url/api/sweeps/big/events" >"$work/events" &
  local samples=()
  for _ in 1 2 3 4; do
    sleep 10
    samples+=("$(ps -o rss=,cputimes= -p $dashboard | awk '{ printf "%d MB/%d s", $1 / 1024, $2 }')")
  done
  kill -TERM $dashboard; wait $dashboard || true
  printf '%7d trials: stored and started in %5.1f s; SIGTERM to exit %5.1f s, %6d lines printed; dashboard (RSS/CPU time at 10, 20, 30, 40 s): %s; model %d MB\n' \
    "$count" "$stored" "$stop" "$lines" "${samples[*]}" $(( $(stat -c %s "$work/events") / 1048576 ))
}

measure "$reference"
measure "$trials"
echo "command: bench/run.sh bigsweep $trials $reference"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), SQLite WAL"
