#!/usr/bin/env bash
# Installs and builds everything on a fresh Debian 12 machine that has the .NET 10 SDK:
# the apt packages (PyTorch and OpenBLAS for the benchmarks, the Fashion-MNIST data, PostgreSQL,
# iproute2, podman, runc and mmdebstrap for the manifest and image tests), Node.js and kubernetes-models from npm, the
# solution (whose restore brings TorchSharp and libtorch 2.10, about 600 MB), and the `sweep` command on PATH.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

step() { printf '\n== %s\n' "$*"; }

step "apt packages"
packages=(
  python3-torch         # PyTorch 1.13: the benchmarks' yardstick (sweep itself trains on TorchSharp's libtorch 2.10)
  python3-pil           # Pillow: reads the colour PNGs sweep generate writes (Coordinator.Tests)
  libopenblas0-openmp   # python3-torch links the generic libblas.so.3; the reference BLAS is ~14x slower
  binutils              # readelf, for the test of the Debian 12 libstdc++ step
  dataset-fashion-mnist # the full Fashion-MNIST set, as IDX files
  postgresql            # the cluster's store; the tests start throw-away servers of their own
  iproute2              # ip netns: the pods of the Kubernetes manifests' local run (Deploy.Tests)
  chromium              # the browser the report and dashboard tests drive (Report.Tests)
  podman                # builds and runs the container images offline (Deploy.Tests' image tests)
  runc                  # podman's runtime here: crun's defaults fail in a sandbox without systemd
  mmdebstrap            # Debian 12 base images from Debian's packages (deploy/docker/local-bases.sh)
)
missing=()
for package in "${packages[@]%% *}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

step "BLAS: OpenBLAS (OpenMP)"
arch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
for lib in libblas.so.3 liblapack.so.3; do
  as_root update-alternatives --set "$lib-$arch" "/usr/lib/$arch/openblas-openmp/$lib" >/dev/null
done
readlink -f "/usr/lib/$arch/libblas.so.3"

step ".NET SDK"
if ! command -v dotnet >/dev/null; then
  echo "error: the .NET 10 SDK is not installed (no 'dotnet' on PATH). Install it, then run ./setup.sh again." >&2
  exit 1
fi
dotnet --version

step "kubectl and Node.js packages (uPlot for reports, the manifest checks)"
# kubectl renders the kustomizations offline (kubectl kustomize); Debian 12 has no package of it,
# so it must come with the machine, as it does on this project's machines.
if ! command -v kubectl >/dev/null; then
  echo "error: kubectl is not installed: Deploy.Tests render deploy/k8s with 'kubectl kustomize'. Install kubectl (1.27 or later), then run ./setup.sh again." >&2
  exit 1
fi
kubectl version --client 2>/dev/null | head -2
# Node.js runs kubernetes-models, which checks the rendered manifests. A machine may have it from
# elsewhere, with its own npm; only when there is none do Debian's packages come in.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm
fi
node --version
npm ci --prefix tests/Deploy.Tests/models --no-audit --no-fund --loglevel=error
# uPlot, which the Coordinator build inlines into report pages.
npm ci --prefix src/Coordinator/Report/web --no-audit --no-fund --loglevel=error

step "solution (Release; the first restore downloads libtorch, about 600 MB)"
dotnet build Sweeps.sln -c Release -nologo -clp:ErrorsOnly

step "the sweep command"
if [ -f src/Coordinator/Coordinator.csproj ]; then
  dotnet publish src/Coordinator -c Release -nologo -clp:ErrorsOnly -o "$root/.tools/sweep"
  if [ "$(id -u)" -eq 0 ]; then bin=/usr/local/bin; else bin=$HOME/.local/bin; fi
  mkdir -p "$bin"
  cat >"$bin/sweep" <<WRAPPER
#!/bin/sh
# Minimal JIT optimisation keeps TorchSharp's temporary Scalars alive through their native
# calls (Gan.Core.Runtime.ScalarLifetimes says why); the JIT reads it only from here.
DOTNET_JITMinOpts=1 exec dotnet "$root/.tools/sweep/sweep.dll" "\$@"
WRAPPER
  chmod +x "$bin/sweep"
  case ":$PATH:" in
    *":$bin:"*) echo "sweep -> $bin/sweep" ;;
    *) echo "sweep -> $bin/sweep (add $bin to PATH)" ;;
  esac
fi

step "done: run ./test.sh"
