#!/usr/bin/env bash
# bench/prep: how fast sweep prepares a folder of images, and how much memory a trial needs on a
# folder larger than its memory. Called by bench/run.sh prep [ROUNDS] [IMAGES].
#
# 1. IMAGES (10,000) photo-like 128×128 images, half JPEG and half PNG (make_images.py, made
#    once), prepared at 64×64×3: by sweep (csharp/, Gan.Core's ImageFolder into a fresh cache,
#    all cores) and by Pillow in one Python process (pillow_prep.py), interleaved for ROUNDS
#    rounds; the medians in images per second. Pillow has no parallel loop of its own; the
#    ratio says what sweep's decoder and its parallel loop give together, and the per-core
#    figure (sweep's rate over the cores) compares the decoders alone.
# 2. 100,000 images of 64×64 (made once), prepared, then `sweep train` on them (mlp at
#    64×64×3, whose step is cheap, one epoch of batch 100 so that every image is drawn, no
#    evaluation): its peak RSS, of which anonymous memory (what a memory limit cannot reclaim)
#    and mapped cache pages (which it can), sampled every 0.2 s; against the same trial on the
#    10,000 images of part 1, a tenth of the data.
# 3. The trial of part 2 under a 512 MB memory limit (a cgroup v1 memory controller, as root;
#    skipped where there is none to write), the page cache dropped first, so that every page it
#    maps is read, and charged, inside the limit: whether it completes, its peak usage, and how
#    often the kernel reclaimed and killed.
set -euo pipefail
rounds=${1:-3}
count=${2:-10000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$here/build
mkdir -p "$build"
python=/usr/bin/python3
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
value() { sed -n "s/^$1=//p"; }

dotnet build "$here/csharp" -c Release -nologo -clp:ErrorsOnly >/dev/null
prep=$here/csharp/bin/Release/net10.0/PrepBench.dll
images=$build/images-$count-128
[ -f "$images.done" ] || { rm -rf "$images"; $python "$here/make_images.py" "$images" "$count" 128; touch "$images.done"; }

: >"$build/csharp.txt"; : >"$build/pillow.txt"
for round in $(seq "$rounds"); do
  rm -rf "$build/cache"
  dotnet "$prep" "$images" 64 "$build/cache" | value images_per_second >>"$build/csharp.txt"
  $python "$here/pillow_prep.py" "$images" 64 "$build/pillow.u8" | value images_per_second >>"$build/pillow.txt"
  echo "round $round: sweep $(tail -1 "$build/csharp.txt") images/s, Pillow $(tail -1 "$build/pillow.txt") images/s" >&2
done
a=$(median <"$build/csharp.txt"); b=$(median <"$build/pillow.txt")
echo "prepare $count images of 128x128 at 64x64x3: sweep $a images/s on $(nproc) cores ($(awk -v a="$a" -v n="$(nproc)" 'BEGIN { printf "%.0f", a / n }') a core), Pillow $b images/s on one; sweep/Pillow $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')"
rm -rf "$build/cache" "$build/pillow.u8"

big=$build/images-100000-64
[ -f "$big.done" ] || { rm -rf "$big"; $python "$here/make_images.py" "$big" 100000 64; touch "$big.done"; }
dotnet build "$root/src/Coordinator" -c Release -nologo -clp:ErrorsOnly >/dev/null
export SWEEP_CACHE=$build/cache-rss

# rss FOLDER: trains one epoch on the folder and prints its peak RSS, anonymous and file-backed, in MB.
rss() {
  rm -rf "$build/train"
  DOTNET_JITMinOpts=1 dotnet "$root/src/Coordinator/bin/Release/net10.0/sweep.dll" train --dataset images --data-dir "$1" \
    --arch mlp --image-size 64 --batch-size 100 --epochs 1 --log-every 100 --no-eval --threads "$(nproc)" -o "$build/train" >"$build/train.txt" &
  local pid=$! peak=0 anon=0 file=0 r a f
  while kill -0 "$pid" 2>/dev/null; do
    if read -r r a f < <(awk '/^VmRSS/ { r = $2 } /^RssAnon/ { a = $2 } /^RssFile/ { f = $2 } END { print r, a, f }' "/proc/$pid/status" 2>/dev/null); then
      [ "${r:-0}" -gt "$peak" ] && peak=$r
      [ "${a:-0}" -gt "$anon" ] && anon=$a
      [ "${f:-0}" -gt "$file" ] && file=$f
    fi
    sleep 0.2
  done
  wait "$pid"
  echo "$((peak / 1024)) $((anon / 1024)) $((file / 1024))"
}
# Each folder is prepared by a first run; the second, measured, trains from the cache.
rss "$big" >/dev/null
read -r peak anon file < <(rss "$big")
rss "$images" >/dev/null
read -r small_peak small_anon small_file < <(rss "$images")
cached=$(du -m "$SWEEP_CACHE/images" | tail -1 | cut -f1)
echo "train mlp (batch 100, one epoch) on 100,000 images of 64x64x3 (4,915 MB as float32): peak RSS $peak MB, of which at most $anon MB anonymous and $file MB mapped files"
echo "  reference, the same on the $count images above: peak RSS $small_peak MB, at most $small_anon MB anonymous and $small_file MB mapped ($cached MB prepared for both)"
limit=/sys/fs/cgroup/memory/sweep-bench-$$
if [ "$(id -u)" -eq 0 ] && mkdir "$limit" 2>/dev/null; then
  echo $((512 * 1024 * 1024)) >"$limit/memory.limit_in_bytes"
  sync; echo 3 >/proc/sys/vm/drop_caches
  rm -rf "$build/train"
  started=$(date +%s)
  outcome=completed
  sh -c "echo \$\$ >'$limit/cgroup.procs'; exec env DOTNET_JITMinOpts=1 dotnet '$root/src/Coordinator/bin/Release/net10.0/sweep.dll' train --dataset images \
    --data-dir '$big' --arch mlp --image-size 64 --batch-size 100 --epochs 1 --log-every 100 --no-eval --threads $(nproc) -o '$build/train'" >"$build/limited.txt" 2>&1 \
    || outcome="failed (exit $?)"
  echo "  under a 512 MB memory limit, page cache dropped first: $outcome in $(($(date +%s) - started)) s; peak usage $(($(cat "$limit/memory.max_usage_in_bytes") / 1048576)) MB, limit reached $(cat "$limit/memory.failcnt") times, OOM kills $(awk '$1 == "oom_kill" { print $2 }' "$limit/memory.oom_control")"
  rmdir "$limit"
else
  echo "  (the 512 MB run needs root and a cgroup v1 memory controller at /sys/fs/cgroup/memory: skipped)"
fi
rm -rf "$SWEEP_CACHE" "$build/train"
echo "command: bench/run.sh prep $rounds $count"
