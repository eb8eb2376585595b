#!/usr/bin/env bash
# Search methods under the same wall-clock budget, on this machine, through `sweep run`:
#
#   bench/search.sh [BUDGET] [WORKERS] [SEED]  (BUDGET: 30m by default; WORKERS: sweep's default;
#                                               SEED: each file's random_seed unless given; the
#                                               grid draws nothing, so there SEED is the trainer's
#                                               seed; a SEED also ends each sweep's name in -sSEED,
#                                               so one store can hold an arm at two seeds)
#   ARMS="grid pbt" bench/search.sh ...         (the arms to run; all five by default)
#   WORK=DIR bench/search.sh ...                (keep the store in DIR: a later run adds its arms to it)
#   SET="startup_trials: 2" bench/search.sh ... (top-level sweep-file lines added to each arm's file)
#   python3 bench/search/summarize.py DB...      (the table again, over one store or several, with
#                                               each arm's spread over its seeds)
#
# Four sweeps over one space of MNIST GANs (bench/search/*.yaml: arch mlp, mlp-128 or
# dcgan-small; lr_d and lr_g log-uniform on [5e-5, 3e-3]; beta1; latent_size; label_smoothing;
# steps 2,000 to 20,000), one after the other, each with `budget: BUDGET`:
#   grid             the usual grid (lr 2e-4 or 1e-3, each arch, smoothing, 5,000 or 20,000 steps);
#   random           random search;
#   random-asha      the same random trials, with ASHA (hyperband: min_iter 1000, eta 3);
#   tpe-asha-health  method: bayes (TPE from the same seed), with ASHA and gan-health;
#   pbt              method: pbt, six members drawn from the space, 20,000 steps each in
#                    stretches of 1,000 (steps is fixed: a population trains them all).
# Each is ranked by FID on the default evaluation samples, taken from each trial's best
# generator; a trial the budget stops is scored too. Printed per sweep: trials started, how
# they ended, the best FID and the trial that reached it, and the time from the sweep's first
# trial start to the end of the first trial scoring FID <= 2x the best FID of all four, and
# <= the grid's best; then each sweep's best FID so far over time.
# The grid is the reference. The classifier the scores need is trained before any budget starts.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
budget=${1:-30m}
workers=${2:-}
seed=${3:-}
arms=${ARMS:-grid random random-asha tpe-asha-health pbt}
# WORK=DIR puts the arms' store in DIR, so arms run at different times are summarised together.
work=${WORK:-$(mktemp -d /tmp/sweep-bench-search.XXXXXX)}
mkdir -p "$work"
# This checkout's build (./setup.sh makes it), rather than whichever `sweep` is on PATH.
built=$root/src/Coordinator/bin/Release/net10.0/sweep.dll
if [ -f "$built" ]; then sweep=(env DOTNET_JITMinOpts=1 dotnet "$built"); else sweep=(sweep); fi
echo "machine: $(nproc) cores, $(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | xargs); budget $budget per sweep; work in $work" >&2
for arm in $arms; do
  file=$work/$arm${seed:+-s$seed}.yaml
  sed -e "s/^budget: .*/budget: $budget/" ${seed:+-e "s/^random_seed: .*/random_seed: $seed/" -e "s/^\(name: .*\)/\1-s$seed/"} "$root/bench/search/$arm.yaml" > "$file"
  if [ -n "${SET:-}" ]; then printf '%s\n' "$SET" >> "$file"; fi
  if [ -n "$seed" ] && [ "$arm" = grid ]; then
    sed -i "s/^base: {dataset: mnist}\$/base: {dataset: mnist, seed: $seed}/" "$file" && grep -q "seed: $seed}" "$file"
  fi
  echo "$(date -u +%H:%M:%S) running $arm${seed:+ (seed $seed)}..." >&2
  # Exit 3 (some trials did not complete) is an outcome here, not a failure of the benchmark.
  "${sweep[@]}" run "$file" --db "$work/search.db" ${workers:+--workers "$workers"} > "${file%.yaml}.log" 2>&1 || [ $? -eq 3 ]
done
python3 "$root/bench/search/summarize.py" "$work/search.db"
echo "reproduce: ${WORK:+WORK=$work }${ARMS:+ARMS=\"$arms\" }${SET:+SET=\"$SET\" }bench/search.sh $budget ${workers:-\"\"}${seed:+ $seed}"
