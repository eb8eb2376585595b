#!/usr/bin/env bash
# The container images: their sizes, and a silo's time from start to ready (its /healthz/ready
# answering 200) in the CPU image, against the same silo started as a process by ./setup.sh's
# `sweep`, interleaved for ROUNDS rounds; medians. Both silos join a throw-away PostgreSQL.
#
#   bench/image.sh [ROUNDS]
#
# The images are built as tests/Deploy.Tests builds them: podman, with the Dockerfiles' base
# image ARGs pointed at the offline stand-ins of deploy/docker/local-bases.sh, the GPU image
# with the CPU libtorch (TorchSharp-cuda is not served here) on Debian 12 in place of CUDA's base.
# Needs root, podman, runc and mmdebstrap (./setup.sh installs them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-5}
export CONTAINERS_CONF=$root/tests/Deploy.Tests/containers.conf
podman=(podman --runtime runc)
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A standin
while IFS='=' read -r public local; do standin[$public]=$local; done < <("$root/deploy/docker/local-bases.sh")

# build DOCKERFILE TAG [ARG=VALUE...]: each base image ARG pointed at its public image's stand-in.
build() {
  local dockerfile=$1 tag=$2; shift 2
  local args=()
  while read -r name image; do args+=(--build-arg "$name=${standin[$image]}"); done < <(
    sed -n 's/^ARG \([A-Z_]*\)=\([a-z0-9./-]*\):[[:alnum:]_.-]*$/\1 \2/p' "$root/deploy/docker/$dockerfile")
  for extra in "$@"; do args+=(--build-arg "$extra"); done
  echo "building $tag..." >&2
  "${podman[@]}" build --quiet --pull=never --network host "${args[@]}" \
    --volume "${NUGET_PACKAGES:-$HOME/.nuget/packages}:/root/.nuget/packages:ro" -f "$root/deploy/docker/$dockerfile" -t "$tag" "$root" >/dev/null
}
build cpu.Dockerfile localhost/sweep-bench:cpu
build gpu.Dockerfile localhost/sweep-bench:gpu-with-cpu-libtorch TORCH_BACKEND=cpu
size() { "${podman[@]}" image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.0f MB", $1 / 1e6 }'; }

# shellcheck source=bench/postgres.sh
source "$root/bench/postgres.sh"
trap stop_pg EXIT
"$pgbin/createdb" -h 127.0.0.1 -p "$port" -U sweep sweeps
store=postgres://sweep@127.0.0.1:$port/sweeps
tmp=$(mktemp -d) && chmod 1777 "$tmp"

# ready URL: seconds until URL answers 200 (polled every 20 ms, at most 120 s).
ready() {
  local start=$1 url=$2
  for _ in $(seq 6000); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then
      awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f\n", e - s }'
      return
    fi
    sleep 0.02
  done
  echo "no readiness at $url in 120 s" >&2
  exit 1
}
silo_args() { echo silo --store "$store" --slots 1 --threads 1 --address 127.0.0.1 --port "$1" --gateway-port "$(($1 + 1))" --health-port "$(($1 + 2))"; }

: >"$tmp/container.txt"; : >"$tmp/process.txt"
for round in $(seq "$rounds"); do
  base=$((21000 + round * 10))
  start=$(date +%s.%N)
  "${podman[@]}" run -d --rm --name sweep-bench-silo --network host --user 10001:10001 --read-only --read-only-tmpfs=false \
    --cap-drop=all --security-opt=no-new-privileges --volume "$tmp:/tmp" localhost/sweep-bench:cpu $(silo_args "$base") >/dev/null
  ready "$start" "http://127.0.0.1:$((base + 2))/healthz/ready" >>"$tmp/container.txt"
  "${podman[@]}" stop --time 30 sweep-bench-silo >/dev/null

  base=$((base + 5))
  start=$(date +%s.%N)
  sweep $(silo_args "$base") >/dev/null 2>&1 &
  pid=$!
  ready "$start" "http://127.0.0.1:$((base + 2))/healthz/ready" >>"$tmp/process.txt"
  kill -TERM "$pid" && wait "$pid" || true
  echo "round $round: container $(tail -1 "$tmp/container.txt") s, process $(tail -1 "$tmp/process.txt") s" >&2
done

echo "image sizes: cpu $(size localhost/sweep-bench:cpu), gpu (CPU libtorch, Debian base) $(size localhost/sweep-bench:gpu-with-cpu-libtorch)"
echo "silo start to ready: container $(median <"$tmp/container.txt") s, process $(median <"$tmp/process.txt") s (medians of $rounds)"
echo "command: bench/image.sh $rounds"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), podman $(podman --version | cut -d' ' -f3)"
rm -rf "$tmp"
