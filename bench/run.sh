#!/usr/bin/env bash
# Benchmarks, each against a reference measured in the same run.
#
#   bench/run.sh mlp [ROUNDS] [STEPS] [THREADS]
#   bench/run.sh dcgan [ROUNDS] [STEPS] [THREADS]
#   bench/run.sh dcgan64 [ROUNDS] [STEPS] [THREADS]
#   bench/run.sh prep [ROUNDS] [IMAGES]
#   bench/run.sh bf16 [ROUNDS] [MLP_STEPS] [DCGAN_STEPS]
#   bench/run.sh bf16-quality [SEEDS] [STEPS]
#   bench/run.sh ema-quality [SEEDS] [STEPS] [DECAY]
#   bench/run.sh workers [ROUNDS] [STEPS] [ARCH]
#   bench/run.sh jit [ROUNDS] [STEPS] [ARCH]
#   bench/run.sh claims
#   bench/run.sh dispatch [ROUNDS] [TRIALS]
#   bench/run.sh target [ROUNDS] [TRIALS]
#   bench/run.sh recovery [ROUNDS]
#   bench/run.sh lr-grid [ROUNDS] [REFERENCE_COMMIT]
#   bench/run.sh report [ROUNDS] [TRIALS] [STEPS]
#   bench/run.sh quickscore [ROUNDS] [EPOCHS]
#   bench/run.sh bigsweep [TRIALS] [REFERENCE_TRIALS]
#   bench/run.sh scale [SIZES...]
#
# mlp: the tutorials' MLP GAN training step (G 64-256-256-784, D 784-256-256-1, BCE with
# logits, Adam 2e-4 beta1 0.5, batch 100, a D step then a G step) on Gan.Core's own networks
# through TorchSharp (libtorch 2.10), against the same step in PyTorch (Debian's
# python3-torch 1.13). The two alternate for ROUNDS rounds, since this machine's speed drifts;
# each process reports the median rate over blocks of steps, and the summary is the median
# over rounds, with the ratio C# / PyTorch, each side's spread over the rounds (a warning for a
# round 30% off), and its GFLOP/s against the peak of a plain GEMM through its own BLAS: MKL in
# libtorch 2.10, the system's BLAS (OpenBLAS, setup.sh) in Debian's PyTorch.
#
# dcgan: the same comparison for the Keras DCGAN step (batch 64, latent 100), at full width
# and at a quarter of it (dcgan-small, what the tests and small sweeps train).
#
# dcgan64: the same comparison for the DCGAN on 64×64 colour images: PyTorch's DCGAN tutorial
# networks (ngf = ndf = 64, batch 64, latent 100), which `arch: dcgan` trains off 28×28.
#
# prep: preparing a folder of IMAGES (10,000 by default) 128×128 JPEG and PNG images at 64×64×3,
# as a trial on `dataset: images` does the first time (decode, scale the shorter side, crop,
# write the uint8 cache), against Pillow (Debian's python3-pil) doing the same on the same files
# in one process, interleaved; then the peak RSS of a trial training on 100,000 such images
# (bench/prep says how).
#
# bf16: the C# step with `precision: bf16` (bfloat16 passes over float32 master weights) against
# the same step in fp32 and against PyTorch's fp32 step, interleaved, on the mlp, dcgan-small and
# dcgan steps, one thread.
#
# bf16-quality: what bf16 costs in quality: lr-grid's best configuration (mlp, lr 0.001, 4000
# steps, batch 100) trained with `sweep train` in fp32 and in bf16 for each of SEEDS seeds (3 by
# default), one thread each, two at a time, and scored by the same evaluator (FID on 2,000 samples
# in the MNIST classifier's feature space). It prints each run's FID and each precision's mean and
# spread.
#
# ema-quality: what the average of G's weights (`ema_decay`, DECAY 0.999 by default) gains: the
# same configuration, runs and scores as bf16-quality, with G itself against the average. Both
# runs of a seed train the same steps (the average draws nothing), so only the scored weights differ.
#
# workers: the C# step as a sweep's worker processes would run it on this machine's cores:
# one process with all the threads against one single-threaded process per core running at
# once (their rates added). It decides `sweep run`'s default --workers and --threads.
#
# jit: what `sweep` pays for running under DOTNET_JITMinOpts=1, which keeps TorchSharp's
# temporary Scalars alive through their native calls (Gan.Core.Runtime.ScalarLifetimes): the
# C# step, single-threaded, with and without it, interleaved.
#
# dispatch, recovery and lr-grid run the `sweep` command itself: bench/cluster.sh says how.
#
# report: how large `sweep report` writes a sweep of TRIALS trials x STEPS records (200 x 4,000
# by default) and how fast Debian's headless Chromium opens it, against the report of a small
# real sweep opened in the same browser, interleaved (bench/report/Program.cs says how).
#
# quickscore: what the epoch-end quick score (FID and coverage on 500 samples) costs a trial:
# the same single-threaded trial with and without it, interleaved (bench/quickscore/Program.cs).
#
# bigsweep: Ctrl-C's time and the dashboard's memory and CPU on a sweep of 100,000 trials,
# against one of 1,000 (bench/bigsweep.sh says how).
#
# scale: what a sweep of SIZES trials (1,000, 10,000 and 100,000 by default) costs each store:
# the time to store it, a claim's latency with the queue full and with all but 100 trials ended,
# and the reads a running sweep repeats (the running trials, the counts by state), on SQLite,
# LiteDB and a throw-away PostgreSQL (bench/scale/Program.cs says how); then what it costs the
# commands: `sweep run` embedded and on a cluster (start, peak RSS of silo and client, lines
# printed), `sweep show` and `sweep report` (bench/scale/commands.sh says how).
#
# claims: how long a worker's claim of the next trial takes as the queue grows to 10,000 queued
# trials, on a throw-away PostgreSQL server (Debian's, on a loopback port), on the embedded
# LiteDB store, and on the embedded SQLite store as the reference, each claim followed by a
# fenced metric write and a finish; then how many eight-metric records a second one writer and
# four writers at once get into each store.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/bench/step/build
what=${1:-}
rounds=${2:-5}

# Debian's OpenBLAS picks its kernels by the CPU it detects, and on some virtual machines it
# detects none it knows and falls back to Prescott's (SSE3): single-threaded GEMM then runs at a
# fifth of its speed, and so does the PyTorch yardstick, by a factor that depends on the machine
# (seen: 27 against 144 GFLOP/s). The core is named from the CPU's own flags instead, and
# printed; OPENBLAS_CORETYPE set by the caller wins.
openblas_core() {
  local flags
  flags=$(grep -m1 '^flags' /proc/cpuinfo)
  case " $flags " in
    *" avx512_bf16 "*) echo COOPERLAKE ;;
    *" avx512f "*) echo SKYLAKEX ;;
    *" avx2 "*) echo HASWELL ;;
    *) echo "" ;;
  esac
}
export OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-$(openblas_core)}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
csharp() { dotnet "$build/csharp/GanStep.dll" "$@" | sed -n 's/^steps_per_second=//p'; }
pytorch() { /usr/bin/python3 "$root/bench/step/pytorch/step.py" "$@" | sed -n 's/^steps_per_second=//p'; }

build_step() {
  echo "building bench/step/csharp (Release)..." >&2
  dotnet build "$root/bench/step/csharp" -c Release -o "$build/csharp" -nologo -clp:ErrorsOnly >/dev/null
}

machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "C#: TorchSharp $(dotnet "$build/csharp/GanStep.dll" --versions)"
  echo "PyTorch: $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), BLAS $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3), OpenBLAS kernels $(OPENBLAS_VERBOSE=2 /usr/bin/python3 -c 'import torch; torch.mm(torch.rand(8, 8), torch.rand(8, 8))' 2>&1 | sed -n 's/^Core: //p' | head -1) (OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset})"
}

# compare ARCH STEPS THREADS BLOCK: interleaved rounds of C# and PyTorch, then each side's median
# rate, its spread over the rounds, the floating-point work it does per second against the GEMM
# peak of its own BLAS (measured by the same process), and the ratio of the medians. A round more
# than 30% off its side's median is reported: the machine's speed drifted, and the run should be
# repeated before its ratio is believed.
compare() {
  local arch=$1 steps=$2 threads=$3 block=$4 flops=0 side
  local out=$build/$arch
  for side in csharp pytorch; do : >"$out-$side.txt"; : >"$out-$side-peak.txt"; done
  for round in $(seq "$rounds"); do
    dotnet "$build/csharp/GanStep.dll" "$arch" "$steps" "$threads" "$block" >"$out-round.txt"
    value steps_per_second <"$out-round.txt" >>"$out-csharp.txt"
    value peak_gflops <"$out-round.txt" >>"$out-csharp-peak.txt"
    /usr/bin/python3 "$root/bench/step/pytorch/step.py" "$arch" "$steps" "$threads" "$block" >"$out-round.txt"
    value steps_per_second <"$out-round.txt" >>"$out-pytorch.txt"
    value peak_gflops <"$out-round.txt" >>"$out-pytorch-peak.txt"
    flops=$(value flops_per_step <"$out-round.txt")
    echo "$arch round $round: C# $(tail -1 "$out-csharp.txt")  PyTorch $(tail -1 "$out-pytorch.txt")" >&2
  done
  local a b
  a=$(median <"$out-csharp.txt")
  b=$(median <"$out-pytorch.txt")
  echo "$arch, $threads thread(s): C# $a steps/s, PyTorch $b steps/s, ratio $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')"
  spread "C#" "$out-csharp.txt" "$out-csharp-peak.txt" "$flops"
  spread PyTorch "$out-pytorch.txt" "$out-pytorch-peak.txt" "$flops"
  echo "  work: $(awk -v f="$flops" 'BEGIN { printf "%.3f", f / 1e9 }') GFLOP a step (3 x the forward passes' multiply-adds x 2, counted by bench/step/pytorch/step.py)"
}

value() { sed -n "s/^$1=//p"; }

# spread NAME RATES PEAKS FLOPS: one side's median, its rounds' range, and its share of its GEMM peak.
spread() {
  local peak m
  m=$(median <"$2")
  peak=$(median <"$3")
  awk -v name="$1" -v m="$m" -v peak="$peak" -v flops="$4" '
    { if (NR == 1 || $1 < lo) lo = $1; if (NR == 1 || $1 > hi) hi = $1; if ($1 < 0.7 * m || $1 > 1.3 * m) off++ }
    END {
      printf "  %s: rounds %.3f to %.3f steps/s (%+.0f%% to %+.0f%% of the median); %.1f GFLOP/s, %.0f%% of its BLAS GEMM peak of %.1f GFLOP/s\n",
        name, lo, hi, 100 * (lo / m - 1), 100 * (hi / m - 1), m * flops / 1e9, 100 * m * flops / 1e9 / peak, peak
      if (off) printf "  WARNING: %d of %d %s rounds are more than 30%% off their median: the machine'"'"'s speed drifted; run it again\n", off, NR, name
    }' "$2"
}

# three_stores: a throw-away PostgreSQL with a database "bench", stopped when this script exits;
# sets stores to it, a SQLite file and a LiteDB file, as the store benchmarks take them.
three_stores() {
  source "$root/bench/postgres.sh"
  trap stop_pg EXIT
  run_pg "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U sweep bench
  stores=("$pg/bench.db" "litedb:$pg/bench.litedb" "postgres://sweep@127.0.0.1:$port/bench")
}

stores_machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); PostgreSQL $("$pgbin/postgres" --version | awk '{ print $3 }') (fsync on), SQLite WAL, LiteDB $(sed -n 's/.*Include="LiteDB" Version="\([^"]*\)".*/\1/p' "$root/Directory.Packages.props") shared mode"
}

# quality_pair MODE SEEDS STEPS NAME_A OPTIONS_A NAME_B OPTIONS_B [MORE_ARGS]: lr-grid's best
# configuration (mlp, lr 0.001, batch 100) trained for STEPS steps with `sweep train` under each of
# two settings for each of SEEDS seeds, one thread each, two at a time, and scored by the same
# evaluator; prints each run's FID and each setting's mean and spread.
quality_pair() {
  local mode=$1 seeds=$2 steps=$3 names=("$4" "$6") options=("$5" "$7")
  dotnet build "$root/src/Coordinator" -c Release -nologo -clp:ErrorsOnly >/dev/null
  build_step # for the versions the summary names
  local sweep_dll=$root/src/Coordinator/bin/Release/net10.0/sweep.dll out=$build/$mode
  rm -rf "$out"; mkdir -p "$out"
  # The classifier the scores need is trained (or found in the cache) once, before the runs.
  DOTNET_JITMinOpts=1 dotnet "$sweep_dll" train --arch mlp --steps 1 -o "$out/warm-up" >/dev/null
  for seed in $(seq 0 $((seeds - 1))); do
    for i in 0 1; do
      # Unquoted: a setting is a list of options.
      DOTNET_JITMinOpts=1 dotnet "$sweep_dll" train --arch mlp --lr 0.001 --batch-size 100 --steps "$steps" --seed "$seed" \
        ${options[$i]} --threads 1 --log-every 1000 -o "$out/${names[$i]}-$seed" >"$out/${names[$i]}-$seed.txt" &
    done
    wait
    for name in "${names[@]}"; do
      fid=$(awk '$1 == "fid" { print $2 }' "$out/$name-$seed.txt")
      echo "$fid" >>"$out/$name.txt"
      echo "seed $seed $name: fid $fid, $(awk '$1 == "coverage" { print $2 }' "$out/$name-$seed.txt") classes" >&2
    done
  done
  for name in "${names[@]}"; do
    awk -v p="$name" '{ s += $1; q += $1 * $1; if (NR == 1 || $1 < lo) lo = $1; if (NR == 1 || $1 > hi) hi = $1 }
      END { m = s / NR; printf "%s: mean fid %.1f over %d seeds (from %.1f to %.1f, standard deviation %.1f)\n", p, m, NR, lo, hi, sqrt(q / NR - m * m) }' "$out/$name.txt"
  done
  echo "command: bench/run.sh $mode $seeds $steps${8:+ $8}"
  machine
}

case "$what" in
  mlp | dcgan64)
    # One network pair's step against PyTorch's: blocks of 50 fast MLP steps, or of 2 slow 64×64 DCGAN ones.
    if [ "$what" = mlp ]; then steps=${3:-1000}; block=50; else steps=${3:-10}; block=2; fi
    threads=${4:-1}
    build_step
    compare "$what" "$steps" "$threads" "$block"
    echo "command: bench/run.sh $what $rounds $steps $threads"
    machine
    ;;
  dcgan)
    steps=${3:-20}
    threads=${4:-1}
    build_step
    compare dcgan "$steps" "$threads" 5
    compare dcgan-small "$((steps * 5))" "$threads" 25
    echo "command: bench/run.sh dcgan $rounds $steps $threads"
    machine
    ;;
  prep)
    "$root/bench/prep/run.sh" "$rounds" "${3:-10000}"
    machine
    ;;
  bf16)
    build_step
    for arch in mlp dcgan-small dcgan; do
      case $arch in
        mlp) steps=${3:-1000}; block=50 ;;
        dcgan-small) steps=$((${4:-20} * 5)); block=25 ;;
        dcgan) steps=${4:-20}; block=5 ;;
      esac
      out=$build/$arch-precision
      : >"$out-fp32.txt"; : >"$out-bf16.txt"; : >"$out-pytorch.txt"
      for round in $(seq "$rounds"); do
        csharp "$arch" "$steps" 1 "$block" fp32 >>"$out-fp32.txt"
        csharp "$arch" "$steps" 1 "$block" bf16 >>"$out-bf16.txt"
        pytorch "$arch" "$steps" 1 "$block" >>"$out-pytorch.txt"
        echo "$arch round $round: C# fp32 $(tail -1 "$out-fp32.txt")  C# bf16 $(tail -1 "$out-bf16.txt")  PyTorch fp32 $(tail -1 "$out-pytorch.txt")" >&2
      done
      a=$(median <"$out-bf16.txt"); b=$(median <"$out-fp32.txt"); c=$(median <"$out-pytorch.txt")
      echo "$arch, 1 thread: C# bf16 $a steps/s, C# fp32 $b, PyTorch fp32 $c; bf16/fp32 $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }'), bf16/PyTorch $(awk -v a="$a" -v c="$c" 'BEGIN { printf "%.3f", a / c }')"
    done
    echo "command: bench/run.sh bf16 $rounds ${3:-1000} ${4:-20}"
    machine
    ;;
  bf16-quality)
    quality_pair bf16-quality "${2:-3}" "${3:-4000}" fp32 "--precision fp32" bf16 "--precision bf16"
    ;;
  ema-quality)
    decay=${4:-0.999}
    quality_pair ema-quality "${2:-3}" "${3:-4000}" g "--ema-decay 0" "ema-$decay" "--ema-decay $decay" "$decay"
    ;;
  workers)
    steps=${3:-600}
    arch=${4:-mlp}
    cores=$(nproc)
    block=$((steps / 10 > 0 ? steps / 10 : 1))
    build_step
    : >"$build/one.txt"; : >"$build/many.txt"
    for round in $(seq "$rounds"); do
      csharp "$arch" "$steps" "$cores" "$block" >>"$build/one.txt"
      for i in $(seq "$cores"); do csharp "$arch" "$steps" 1 "$block" >"$build/many-$i.txt" & done
      wait
      cat "$build"/many-*.txt | awk '{ s += $1 } END { print s }' >>"$build/many.txt"
      echo "round $round: 1 worker x $cores threads $(tail -1 "$build/one.txt")  $cores workers x 1 thread $(tail -1 "$build/many.txt")" >&2
    done
    echo "$arch, 1 worker x $cores threads: $(median <"$build/one.txt") steps/s"
    echo "$arch, $cores workers x 1 thread: $(median <"$build/many.txt") steps/s in total"
    echo "command: bench/run.sh workers $rounds $steps $arch"
    machine
    ;;
  jit)
    steps=${3:-1000}
    arch=${4:-mlp}
    block=$((steps / 20 > 0 ? steps / 20 : 1))
    build_step
    : >"$build/optimised.txt"; : >"$build/minopts.txt"
    for round in $(seq "$rounds"); do
      csharp "$arch" "$steps" 1 "$block" >>"$build/optimised.txt"
      DOTNET_JITMinOpts=1 csharp "$arch" "$steps" 1 "$block" >>"$build/minopts.txt"
      echo "round $round: optimised JIT $(tail -1 "$build/optimised.txt")  minimal JIT $(tail -1 "$build/minopts.txt")" >&2
    done
    a=$(median <"$build/minopts.txt")
    b=$(median <"$build/optimised.txt")
    echo "$arch, 1 thread: DOTNET_JITMinOpts=1 $a steps/s, optimised JIT $b steps/s, ratio $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')"
    echo "command: bench/run.sh jit $rounds $steps $arch"
    machine
    ;;
  claims)
    out=$root/bench/store/build
    dotnet build "$root/bench/store" -c Release -o "$out" -nologo -clp:ErrorsOnly >/dev/null
    three_stores
    dotnet "$out/StoreBench.dll" "${stores[@]}"
    echo "command: bench/run.sh claims"
    stores_machine
    ;;
  scale)
    out=$root/bench/scale/build
    dotnet build "$root/bench/scale" -c Release -o "$out" -nologo -clp:ErrorsOnly >/dev/null
    three_stores
    sizes=("${@:2}")
    [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
    dotnet "$out/ScaleBench.dll" "${stores[@]}" "${sizes[@]}"
    dotnet build "$root/src/Coordinator" -c Release -o "$out/sweep" -nologo -clp:ErrorsOnly >/dev/null
    # As the installed command runs it (Gan.Core.Runtime.ScalarLifetimes says why).
    sweep=(env DOTNET_JITMinOpts=1 SWEEP_CACHE="$out/cache" dotnet "$out/sweep/sweep.dll")
    scale=$out/ScaleBench.dll
    work=$(mktemp -d /tmp/sweep-bench-scale.XXXXXX)
    trap 'pkill -f "$work" 2>/dev/null || true; rm -rf "$work"; stop_pg' EXIT
    free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
    source "$root/bench/scale/commands.sh"
    echo "command: bench/run.sh scale ${sizes[*]}"
    stores_machine
    ;;
  dispatch|target|recovery|lr-grid)
    exec "$root/bench/cluster.sh" "$@"
    ;;
  bigsweep)
    exec "$root/bench/bigsweep.sh" "${@:2}"
    ;;
  report)
    out=$root/bench/report/build
    dotnet build "$root/src/Coordinator" -c Release -nologo -clp:ErrorsOnly >/dev/null
    dotnet build "$root/bench/report" -c Release -o "$out" -nologo -clp:ErrorsOnly >/dev/null
    SWEEP_DLL=$root/src/Coordinator/bin/Release/net10.0/sweep.dll dotnet "$out/ReportBench.dll" "$rounds" "${3:-200}" "${4:-4000}"
    ;;
  quickscore)
    out=$root/bench/quickscore/build
    dotnet build "$root/bench/quickscore" -c Release -o "$out" -nologo -clp:ErrorsOnly >/dev/null
    DOTNET_JITMinOpts=1 dotnet "$out/QuickScoreBench.dll" "$rounds" "${3:-5}"
    ;;
  *)
    echo "usage: bench/run.sh mlp [ROUNDS] [STEPS] [THREADS] | dcgan [ROUNDS] [STEPS] [THREADS] | bf16 [ROUNDS] [MLP_STEPS] [DCGAN_STEPS] | bf16-quality [SEEDS] [STEPS] | ema-quality [SEEDS] [STEPS] [DECAY] | workers [ROUNDS] [STEPS] [ARCH] | jit [ROUNDS] [STEPS] [ARCH] | claims | dispatch [ROUNDS] [TRIALS] | target [ROUNDS] [TRIALS] | recovery [ROUNDS] | lr-grid [ROUNDS] [REFERENCE_COMMIT] | report [ROUNDS] [TRIALS] [STEPS] | quickscore [ROUNDS] [EPOCHS] | bigsweep [TRIALS] [REFERENCE_TRIALS] | scale [SIZES...]" >&2
    exit 2
    ;;
esac
