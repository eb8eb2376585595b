#!/usr/bin/env bash
# bench/run.sh scale, its second half: what a sweep of each size costs the commands a user runs,
# as the installed `sweep` runs them. Sourced by bench/run.sh with root, sweep (the command line),
# scale (ScaleBench.dll), sizes, a throw-away PostgreSQL (port, pgbin, run_pg) and work (a folder).
#
# For each size, a `method: random` sweep of that many toy-lab trials of 5 steps:
# - embedded: `sweep run` on a new SQLite file; the time until it says it is running (parsed,
#   expanded, checked and stored), then 20 s of trials, then SIGTERM: the
#   process's peak RSS, the lines it printed, the trials that ended and its time to exit;
# - cluster: one `sweep silo` (2 slots) on PostgreSQL and `sweep run` as its client: the same,
#   with the silo's and the client's peak RSS apart (the client detaches on SIGTERM);
# - shown: a sweep of that many completed trials (ScaleBench fill, through the store's interface):
#   `sweep show` as a table, with --top 10 and as CSV, and `sweep report`: time, peak RSS, size.
peak() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
timed() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>&1; awk '{ printf "%.2f s %d MB", $1, $2 / 1024 }' "$work/time"; }
spec() {
  printf 'name: big\nmethod: random\nrun_cap: %s\nmetric: {name: wasserstein, goal: minimize}\nbase: {dataset: gaussian, arch: toy, steps: 5, log_every: 5}\nparameters:\n  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.01}\n' "$1" >"$work/big.yaml"
}

# follow LOG PID SILO_PID START: waits for the run to start, lets it train 20 s, SIGTERMs it; sets
# measured. Run in this shell, not in $(...): only the shell that started a process can wait for it.
follow() {
  local log=$1 pid=$2 silo=${3:-} start=$4 started stop lines
  until grep -q "^Running on" "$log" 2>/dev/null; do sleep 0.05; done
  started=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  # VmHWM is the peak so far: the last reading before the process ends (a small sweep may end within the 20 s) is its peak.
  local client_peak silo_peak="" ticks=0
  while [ $ticks -lt 100 ] && kill -0 "$pid" 2>/dev/null; do
    client_peak=$(peak "$pid" 2>/dev/null || echo "$client_peak")
    [ -n "$silo" ] && silo_peak=$(peak "$silo")
    sleep 0.2; ticks=$((ticks + 1))
  done
  local term=$(date +%s.%N)
  kill -TERM "$pid" 2>/dev/null || true; wait "$pid" || true
  stop="$(awk -v a="$term" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }')"
  [ $ticks -lt 100 ] && stop="(it ended by itself after $(awk -v t=$ticks 'BEGIN { printf "%.1f", t * 0.2 }') s)"
  lines=$(wc -l <"$log")
  if [ -n "$silo" ]; then
    measured="stored in $started s; silo peak RSS $silo_peak MB, client $client_peak MB; $lines lines printed; detached in $stop"
  else
    measured="stored in $started s; peak RSS $client_peak MB; $lines lines printed; SIGTERM to exit $stop"
  fi
}

for size in "${sizes[@]}"; do
  spec "$size"
  start=$(date +%s.%N)
  "${sweep[@]}" run "$work/big.yaml" --store "$work/e$size.db" >"$work/embedded.log" 2>&1 &
  follow "$work/embedded.log" $! "" "$start"
  echo "$(printf '%7d' "$size") trials, embedded (SQLite, $(nproc) slots): $measured; $(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM trials WHERE finished IS NOT NULL").fetchone()[0])' "$work/e$size.db") trials ended"

  run_pg "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U sweep "c$size"
  store="postgres://sweep@127.0.0.1:$port/c$size"
  "${sweep[@]}" silo --store "$store" --artifacts "$work/c$size-artifacts" --slots 2 --threads 1 --address 127.0.0.1 \
    --port "$(free_port)" --gateway-port "$(free_port)" >"$work/silo.log" 2>&1 &
  silo=$!
  until grep -q "joined the cluster" "$work/silo.log" 2>/dev/null; do sleep 0.2; done
  start=$(date +%s.%N)
  "${sweep[@]}" run "$work/big.yaml" --store "$store" >"$work/cluster.log" 2>&1 &
  follow "$work/cluster.log" $! "$silo" "$start"
  echo "$(printf '%7d' "$size") trials, cluster (PostgreSQL, 1 silo of 2 slots): $measured"
  kill -TERM "$silo"; wait "$silo" || true
  echo "        $("$pgbin/psql" -h 127.0.0.1 -p "$port" -U sweep -d "c$size" -Atc "SELECT count(*) FROM trials WHERE finished IS NOT NULL") trials ended on the cluster"

  dotnet "$scale" fill "$work/f$size.db" "$size"
  echo "$(printf '%7d' "$size") completed trials shown: table $(timed "${sweep[@]}" show big --store "$work/f$size.db"); --top 10 $(timed "${sweep[@]}" show big --store "$work/f$size.db" --top 10); csv $(timed "${sweep[@]}" show big --store "$work/f$size.db" --format csv); report $(timed "${sweep[@]}" report big --store "$work/f$size.db" -o "$work/f$size.html"), $(( $(stat -c %s "$work/f$size.html") / 1024 )) KB"
done
