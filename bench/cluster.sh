#!/usr/bin/env bash
# Benchmarks of whole sweeps through the `sweep` command, each against a reference measured in
# the same run, rounds alternating since this machine's speed drifts.
#
#   bench/cluster.sh dispatch [ROUNDS] [TRIALS]
#   bench/cluster.sh target [ROUNDS] [TRIALS]
#   bench/cluster.sh recovery [ROUNDS]
#   bench/cluster.sh lr-grid [ROUNDS] [REFERENCE_COMMIT]
#
# dispatch: TRIALS (200) one-step toy trials through three `sweep silo` processes (one
# single-threaded slot each) on a throw-away PostgreSQL, against `sweep run`'s embedded one-silo
# cluster on SQLite (one slot per core). Trials per second over the span from the first trial's
# start to the last one's end (the store's timestamps), and the command's wall time; then, per hop
# (bench/dispatch_hops.py, from the marks SWEEP_DISPATCH_TRACE makes the processes write), the
# median time a trial spends there.
#
# recovery: three silos train two MLP trials; once one has trained past its first checkpoint,
# its silo is killed with SIGKILL. From the kill: the silo declared dead in the membership table,
# the trial claimed again on another silo, and its records going past the step it was killed at.
# The reference is the configuration that bounds it: the membership timeouts.
#
# lr-grid: sweeps/lr-grid.yaml end to end with `sweep run` on one machine (embedded silo, SQLite),
# against the runner before Orleans (REFERENCE_COMMIT, default 5198b5c, built into a temporary
# worktree): wall time, and the store's size per trial (database and artifact directory).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/bench/cluster/build
what=${1:-}
rounds=${2:-3}
work=$(mktemp -d /tmp/sweep-bench-cluster.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  if [ "$(type -t stop_pg)" = function ]; then stop_pg; fi
  rm -rf "$work"
  git -C "$root" worktree prune
}
trap cleanup EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
machine() { echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"; }

echo "building the sweep command (Release)..." >&2
dotnet build "$root/src/Coordinator" -c Release -o "$build/sweep" -nologo -clp:ErrorsOnly >/dev/null
# As the installed command runs it (Gan.Core.Runtime.ScalarLifetimes says why).
sweep=(env DOTNET_JITMinOpts=1 SWEEP_CACHE="$build/cache" dotnet "$build/sweep/sweep.dll")

# With PostgreSQL: q DATABASE SQL prints the result, unaligned.
with_postgres() {
  source "$root/bench/postgres.sh"
  q() { "$pgbin/psql" -h 127.0.0.1 -p "$port" -U sweep -d "$1" -Atc "$2"; }
}

# start_silos DATABASE COUNT: starts COUNT silos on the database (artifacts in $work/DATABASE-artifacts),
# waits until each has joined, and sets silo_pids and silo_ports.
start_silos() {
  local database=$1 count=$2 i silo_port log
  silo_pids=(); silo_ports=()
  for i in $(seq "$count"); do
    silo_port=$(free_port)
    log=$work/$database-silo-$i.log
    "${sweep[@]}" silo --store "postgres://sweep@127.0.0.1:$port/$database" --artifacts "$work/$database-artifacts" \
      --slots 1 --threads 1 --port "$silo_port" --gateway-port "$(free_port)" --address 127.0.0.1 >"$log" 2>&1 &
    pids+=($!); silo_pids+=($!); silo_ports+=("$silo_port")
  done
  for i in $(seq "$count"); do
    until grep -q "joined the cluster" "$work/$database-silo-$i.log"; do sleep 0.2; done
  done
}

stop_silos() {
  kill -TERM "${silo_pids[@]}" 2>/dev/null || true
  wait "${silo_pids[@]}" 2>/dev/null || true
}

dispatch() {
  local trials=${3:-200}
  with_postgres
  local file=$work/dispatch.yaml
  {
    echo "name: dispatch"
    echo "description: One-step toy trials, to time what dispatching a trial costs."
    echo "method: grid"
    echo "metric: {name: wasserstein, goal: minimize}"
    echo "base: {dataset: gaussian, arch: toy, steps: 1, log_every: 1}"
    echo "parameters:"
    echo "  seed: {values: [$(seq -s ', ' 0 $((trials - 1)))]}"
  } >"$file"
  : >"$work/embedded.txt"; : >"$work/cluster.txt"
  for round in $(seq "$rounds"); do
    local start wall span
    start=$(now)
    SWEEP_DISPATCH_TRACE=$work/trace-embedded-$round "${sweep[@]}" run "$file" --store "$work/embedded-$round.db" >"$work/embedded-$round.log" 2>&1
    wall=$(since "$start")
    span=$(python3 - "$work/embedded-$round.db" <<'PY'
import sqlite3, sys
from datetime import datetime
first, last = sqlite3.connect(sys.argv[1]).execute("SELECT min(started), max(finished) FROM trials").fetchone()
print(f"{(datetime.fromisoformat(last) - datetime.fromisoformat(first)).total_seconds():.2f}")
PY
)
    echo "$span $wall" >>"$work/embedded.txt"

    run_pg "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U sweep "dispatch$round"
    SWEEP_DISPATCH_TRACE=$work/trace-cluster-$round start_silos "dispatch$round" 3
    start=$(now)
    "${sweep[@]}" run "$file" --store "postgres://sweep@127.0.0.1:$port/dispatch$round" >"$work/cluster-$round.log" 2>&1
    wall=$(since "$start")
    span=$(q "dispatch$round" "SELECT round(extract(epoch FROM max(finished) - min(started))::numeric, 2) FROM trials")
    stop_silos
    echo "$span $wall" >>"$work/cluster.txt"
    echo "round $round: embedded $(tail -1 "$work/embedded.txt") s, cluster $(tail -1 "$work/cluster.txt") s (span, wall)" >&2
  done
  for kind in embedded cluster; do
    local span wall
    span=$(cut -d' ' -f1 <"$work/$kind.txt" | median)
    wall=$(cut -d' ' -f2 <"$work/$kind.txt" | median)
    printf '%-8s %d one-step trials: %.1f trials/s (median span %s s, median wall %s s)\n' "$kind" "$trials" "$(awk -v n="$trials" -v s="$span" 'BEGIN { print n / s }')" "$span" "$wall"
    echo "  where a trial's time goes, $kind (SWEEP_DISPATCH_TRACE, every round):"
    python3 "$root/bench/dispatch_hops.py" "$work"/trace-"$kind"-*
  done
  echo "embedded: sweep run on SQLite, one silo in-process, $(nproc) slots; cluster: 3 sweep silo processes, 1 slot each, PostgreSQL $("$pgbin/postgres" --version | awk '{ print $3 }')"
  echo "command: bench/run.sh dispatch $rounds $trials"
  machine
}

recovery() {
  with_postgres
  local file=$work/recovery.yaml
  printf 'name: recovery\nmethod: grid\nbase: {arch: mlp, steps: 4000, log_every: 25, eval_samples: 200}\nparameters:\n  seed: {values: [0, 1]}\n' >"$file"
  : >"$work/recovery.txt"
  for round in $(seq "$rounds"); do
    local database=recovery$round victim="" worker silo_port silo_pid last start dead="" claimed="" past="" i
    run_pg "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U sweep "$database"
    start_silos "$database" 3
    "${sweep[@]}" run "$file" --store "postgres://sweep@127.0.0.1:$port/$database" >"$work/$database-client.log" 2>&1 &
    local client=$!
    pids+=("$client")
    # Past step 160: two epochs' checkpoints are stored, so the trial resumes from one.
    until [ -n "$victim" ]; do
      sleep 0.2
      victim=$(q "$database" "SELECT t.id || ' ' || t.worker FROM trials t WHERE t.status = 'running' AND (SELECT max(step) FROM metrics m WHERE m.trial_id = t.id) >= 200 LIMIT 1")
    done
    read -r victim worker <<<"$victim"
    silo_port=$(sed 's/^[^:]*:\([0-9]*\)@.*/\1/' <<<"$worker")
    for i in "${!silo_ports[@]}"; do [ "${silo_ports[$i]}" = "$silo_port" ] && silo_pid=${silo_pids[$i]}; done
    last=$(q "$database" "SELECT max(step) FROM metrics WHERE trial_id = $victim")
    start=$(now)
    kill -9 "$silo_pid"
    until [ -n "$past" ]; do
      [ -z "$dead" ] && [ "$(q "$database" "SELECT count(*) FROM membership_silos WHERE silo LIKE '%:$silo_port@%' AND status = 6")" = 1 ] && dead=$(since "$start")
      [ -z "$claimed" ] && [ "$(q "$database" "SELECT status || attempts FROM trials WHERE id = $victim")" = running2 ] && claimed=$(since "$start")
      [ -n "$claimed" ] && [ "$(q "$database" "SELECT max(step) > $last FROM metrics WHERE trial_id = $victim")" = t ] && past=$(since "$start")
      [ "$(since "$start" | cut -d. -f1)" -lt 300 ] || { echo "round $round: no recovery within 300 s" >&2; exit 1; }
      sleep 0.05
    done
    kill -9 "$client" 2>/dev/null || true
    stop_silos
    echo "${dead:-nan} $claimed $past" >>"$work/recovery.txt"
    echo "round $round: killed at step $last; dead after ${dead:-?} s, claimed again after $claimed s, past step $last after $past s" >&2
  done
  echo "after kill -9 of a silo mid-trial, median of $rounds: declared dead $(cut -d' ' -f1 <"$work/recovery.txt" | median) s, trial claimed on another silo $(cut -d' ' -f2 <"$work/recovery.txt" | median) s, training past the killed step $(cut -d' ' -f3 <"$work/recovery.txt" | median) s"
  echo "membership: ProbeTimeout 2 s x NumMissedProbesLimit 2, scheduler reconciles every 2 s; 3 silos, 1 slot each, MLP trials, PostgreSQL $("$pgbin/postgres" --version | awk '{ print $3 }')"
  echo "command: bench/run.sh recovery $rounds"
  machine
}

lr_grid() {
  local commit=${3:-5198b5c}
  echo "building the reference, $commit (Release)..." >&2
  git -C "$root" worktree add -q --detach "$work/reference" "$commit"
  dotnet build "$work/reference/src/Coordinator" -c Release -o "$work/reference-build" -nologo -clp:ErrorsOnly >/dev/null
  local reference=(env DOTNET_JITMinOpts=1 SWEEP_CACHE="$build/cache" dotnet "$work/reference-build/sweep.dll")
  # Both evaluate with the same cached classifier: a one-step trial trains it first, untimed.
  printf 'name: warm\nbase: {steps: 1, eval_samples: 200}\nparameters:\n  seed: {values: [0]}\n' >"$work/warm.yaml"
  "${sweep[@]}" run "$work/warm.yaml" --store "$work/warm.db" >/dev/null 2>&1
  "${reference[@]}" run "$work/warm.yaml" --store "$work/warm-reference.db" >/dev/null 2>&1
  : >"$work/current.txt"; : >"$work/reference.txt"
  for round in $(seq "$rounds"); do
    for kind in reference current; do
      local start db=$work/$kind-$round.db
      start=$(now)
      if [ "$kind" = current ]; then
        "${sweep[@]}" run "$root/sweeps/lr-grid.yaml" --store "$db" >"$work/$kind-$round.log" 2>&1
      else
        "${reference[@]}" run "$root/sweeps/lr-grid.yaml" --store "$db" >"$work/$kind-$round.log" 2>&1
      fi
      local wall database artifacts
      wall=$(since "$start")
      # A WAL file is left only if the last connection did not checkpoint it.
      database=$(cat "$db" "$db-wal" 2>/dev/null | wc -c || true)
      artifacts=$( { [ -d "$db-artifacts" ] && du -sb "$db-artifacts" | cut -f1; } || echo 0)
      echo "$wall $database $artifacts" >>"$work/$kind.txt"
      echo "round $round: $kind $wall s, database $database bytes, artifacts $artifacts bytes" >&2
    done
  done
  git -C "$root" worktree remove --force "$work/reference"
  for kind in reference current; do
    local wall database artifacts
    wall=$(cut -d' ' -f1 <"$work/$kind.txt" | median)
    database=$(cut -d' ' -f2 <"$work/$kind.txt" | median)
    artifacts=$(cut -d' ' -f3 <"$work/$kind.txt" | median)
    printf '%-9s lr-grid (8 MLP trials x 4000 steps): median wall %s s; per trial: database %.2f MB, artifact files %.2f MB\n' \
      "$kind" "$wall" "$(awk -v b="$database" 'BEGIN { print b / 8 / 1e6 }')" "$(awk -v b="$artifacts" 'BEGIN { print b / 8 / 1e6 }')"
  done
  echo "reference: sweep at $commit (the local runner before Orleans); current: $(git -C "$root" rev-parse --short HEAD) (an embedded one-silo cluster)"
  echo "command: bench/run.sh lr-grid $rounds $commit"
  machine
}

# target: a `method: random` sweep of TRIALS one-step toy trials whose metric has a target no trial
# reaches, run embedded for 30 s, against the same sweep without a target: the trials that ended.
# The scheduler checks the target before each claim, so the two should end about as many.
target() {
  local trials=${3:-10000} seconds=30 round kind pid ended
  : >"$work/target.txt"
  for round in $(seq "$rounds"); do
    for kind in target none; do
      local extra=""
      [ "$kind" = target ] && extra=", target: 0"
      printf 'name: %s\nmethod: random\nrun_cap: %s\nmetric: {name: wasserstein, goal: minimize%s}\nbase: {dataset: gaussian, arch: toy, steps: 1, log_every: 1}\nparameters:\n  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.01}\n' \
        "$kind" "$trials" "$extra" >"$work/$kind.yaml"
      "${sweep[@]}" run "$work/$kind.yaml" --store "$work/$kind-$round.db" >"$work/$kind-$round.log" 2>&1 &
      pid=$!; pids+=("$pid")
      until grep -q "^Running on" "$work/$kind-$round.log" 2>/dev/null; do sleep 0.1; done
      sleep "$seconds"
      kill -TERM "$pid"; wait "$pid" || true
      ended=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM trials WHERE finished IS NOT NULL").fetchone()[0])' "$work/$kind-$round.db")
      echo "$kind $ended" >>"$work/target.txt"
      echo "round $round: $([ "$kind" = target ] && echo "with a target   " || echo "without a target") $ended trials ended in $seconds s" >&2
    done
  done
  printf '%d trials, embedded, %d s: with a target no trial reaches %s trials ended, without a target %s (medians of %d rounds)\n' "$trials" "$seconds" \
    "$(awk '$1 == "target" { print $2 }' "$work/target.txt" | median)" "$(awk '$1 == "none" { print $2 }' "$work/target.txt" | median)" "$rounds"
  echo "command: bench/run.sh target $rounds $trials"
  machine
}

case "$what" in
  dispatch) dispatch "$@" ;;
  target) target "$@" ;;
  recovery) recovery "$@" ;;
  lr-grid) lr_grid "$@" ;;
  *)
    echo "usage: bench/cluster.sh dispatch [ROUNDS] [TRIALS] | target [ROUNDS] [TRIALS] | recovery [ROUNDS] | lr-grid [ROUNDS] [REFERENCE_COMMIT]" >&2
    exit 2
    ;;
esac
