#!/usr/bin/env bash
# Benchmarks, each against a reference measured in the same run.
#
#   bench/run.sh mlp [ROUNDS] [STEPS] [THREADS]
#   bench/run.sh workers [ROUNDS] [STEPS]
#
# mlp: the tutorials' MLP GAN training step (G 64-256-256-784, D 784-256-256-1, BCE with
# logits, Adam 2e-4 beta1 0.5, batch 100, a D step then a G step) through the C# binding,
# in PyTorch (Debian's python3-torch, the same libtorch 1.13) and in plain C++ libtorch.
# The three alternate for ROUNDS rounds, since this machine's speed drifts; each process
# reports the median rate over blocks of 50 steps, and the summary is the median over rounds.
#
# workers: the same C# step as a sweep's worker processes would run it on this machine's
# cores: one process with all the threads against one single-threaded process per core
# running at once (their rates added). It decides `sweep run`'s default --workers.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-}
rounds=${2:-5}
steps=${3:-1000}
threads=${4:-$(nproc)}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
rate() { "$@" | sed -n 's/^steps_per_second=//p'; }

case "$what" in
  mlp)
    build=$root/bench/mlp/build
    echo "building (C# Release, C++ Release)..." >&2
    dotnet build "$root/bench/mlp/csharp" -c Release -o "$build/csharp" >/dev/null
    cmake -S "$root/bench/mlp/cpp" -B "$build/cpp" >/dev/null
    cmake --build "$build/cpp" -j 2 >/dev/null
    : >"$build/csharp.txt"; : >"$build/pytorch.txt"; : >"$build/cpp.txt"
    for round in $(seq "$rounds"); do
      rate dotnet "$build/csharp/MlpStep.dll" "$steps" "$threads" >>"$build/csharp.txt"
      rate /usr/bin/python3 "$root/bench/mlp/step.py" "$steps" "$threads" >>"$build/pytorch.txt"
      rate "$build/cpp/mlp_step" "$steps" "$threads" >>"$build/cpp.txt"
      echo "round $round: C# $(tail -1 "$build/csharp.txt")  PyTorch $(tail -1 "$build/pytorch.txt")  C++ $(tail -1 "$build/cpp.txt")" >&2
    done
    csharp=$(median <"$build/csharp.txt")
    pytorch=$(median <"$build/pytorch.txt")
    cpp=$(median <"$build/cpp.txt")
    echo "command: bench/run.sh mlp $rounds $steps $threads"
    echo "machine: $(nproc) cores, libtorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), threads $threads, BLAS $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"
    echo "C# binding steps/s: $csharp"
    echo "PyTorch steps/s: $pytorch"
    echo "C++ libtorch steps/s: $cpp"
    awk -v a="$csharp" -v b="$pytorch" 'BEGIN { printf "ratio %.3f\n", a / b }'
    ;;
  workers)
    build=$root/bench/mlp/build
    cores=$(nproc)
    echo "building (C# Release)..." >&2
    dotnet build "$root/bench/mlp/csharp" -c Release -o "$build/csharp" >/dev/null
    : >"$build/one.txt"; : >"$build/many.txt"
    for round in $(seq "$rounds"); do
      rate dotnet "$build/csharp/MlpStep.dll" "$steps" "$cores" >>"$build/one.txt"
      for i in $(seq "$cores"); do rate dotnet "$build/csharp/MlpStep.dll" "$steps" 1 >"$build/many-$i.txt" & done
      wait
      cat "$build"/many-*.txt | awk '{ s += $1 } END { print s }' >>"$build/many.txt"
      echo "round $round: 1 worker x $cores threads $(tail -1 "$build/one.txt")  $cores workers x 1 thread $(tail -1 "$build/many.txt")" >&2
    done
    echo "command: bench/run.sh workers $rounds $steps"
    echo "machine: $cores cores, BLAS $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"
    echo "1 worker x $cores threads, steps/s: $(median <"$build/one.txt")"
    echo "$cores workers x 1 thread, total steps/s: $(median <"$build/many.txt")"
    ;;
  *)
    echo "usage: bench/run.sh mlp [ROUNDS] [STEPS] [THREADS] | workers [ROUNDS] [STEPS]" >&2
    exit 2
    ;;
esac
