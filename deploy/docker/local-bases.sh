#!/usr/bin/env bash
# Makes, offline, local stand-ins for the public base images the Dockerfiles name, so that the
# images build where no registry is reachable (this project's CI): Debian 12 from Debian's
# packages (mmdebstrap), and the .NET and Node.js images from this machine's own installs.
# Each stand-in holds what the Dockerfiles take from its public image and no more: the .NET
# runtime image only Microsoft.NETCore.App, the ASP.NET Core one both frameworks, so a Dockerfile
# that picks the wrong one fails here as it would with the public images.
#
#   deploy/docker/local-bases.sh   # prints PUBLIC=LOCAL: the stand-in for each public image
#
# Build with `--build-arg ARG=LOCAL` for each base image ARG of a Dockerfile, LOCAL being the
# stand-in for the public image that ARG names (tests/Deploy.Tests/Images.cs does so).
#
# Needs root, podman (with CONTAINERS_CONF set where podman's defaults fail, as in CI), runc and
# mmdebstrap. Images that exist already are kept. PREFIX names them (default localhost/sweep-base).
set -euo pipefail
prefix=${PREFIX:-localhost/sweep-base}
podman=(podman --runtime runc)
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
node=$(readlink -f "$(command -v node)")
npm_root=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

exists() { "${podman[@]}" image exists "$1"; }

# Hard links where the folders share a file system (no copy of 600 MB), else a copy.
link() { cp -al "$@" 2>/dev/null || cp -a "$@"; }

# A stand-in from a Containerfile given on standard input and the folder $work/context.
build() {
  "${podman[@]}" build --quiet --pull=never --network host -t "$1" -f - "$work/context" >/dev/null
  rm -rf "$work/context"
}

# The stand-ins trust what this machine trusts: where its egress goes through a proxy with its own
# certificate authority, as CI's does, npm and NuGet in the build stages must too. Stages built
# from these images inherit the variables; the public images have neither.
ca_bundle=${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}
trusted=/usr/local/share/sweep-base/ca-certificates.crt
debian=$prefix/debian:12
if ! exists "$debian"; then
  mmdebstrap --quiet --variant=minbase \
    --customize-hook="mkdir -p \"\$1$(dirname "$trusted")\"" \
    --customize-hook="copy-in $ca_bundle $(dirname "$trusted")" \
    bookworm "$work/rootfs.tar"
  "${podman[@]}" import --quiet \
    --change "ENV SSL_CERT_FILE=$trusted" --change "ENV NODE_EXTRA_CA_CERTS=$trusted" \
    "$work/rootfs.tar" "$debian" >/dev/null
  rm "$work/rootfs.tar"
fi

# The .NET images: the host and its resolver, and the shared frameworks each image has.
dotnet_image() {
  local image=$1; shift
  exists "$image" && return
  mkdir -p "$work/context"
  link "$dotnet_root/dotnet" "$dotnet_root/host" "$work/context/"
  for part in "$@"; do
    mkdir -p "$work/context/$(dirname "$part")"
    link "$dotnet_root/$part" "$work/context/$part"
  done
  build "$image" <<EOF
FROM $debian
COPY . /usr/share/dotnet/
EOF
}
version=$(basename "$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/* | sort -V | tail -1)")
sdk_version=$(basename "$(ls -d "$dotnet_root"/sdk/* | sort -V | tail -1)")
dotnet_image "$prefix/dotnet-sdk:$sdk_version" shared sdk packs sdk-manifests templates
dotnet_image "$prefix/dotnet-aspnet:$version" shared/Microsoft.NETCore.App shared/Microsoft.AspNetCore.App
dotnet_image "$prefix/dotnet-runtime:$version" shared/Microsoft.NETCore.App

node_version=$("$node" --version)
node_image=$prefix/node:${node_version#v}
if ! exists "$node_image"; then
  mkdir -p "$work/context/lib/node_modules"
  link "$node" "$work/context/node"
  link "$npm_root" "$work/context/lib/node_modules/npm"
  build "$node_image" <<EOF
FROM $debian
COPY node /usr/local/bin/node
COPY lib /usr/local/lib/
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
EOF
fi

# By the public image each stands in for, whatever its tag. The CUDA base has no stand-in that
# could hold CUDA: Debian 12 stands in, so that the GPU image builds and starts as far as a
# machine without a GPU allows.
cat <<EOF
debian=$debian
nvidia/cuda=$debian
mcr.microsoft.com/dotnet/sdk=$prefix/dotnet-sdk:$sdk_version
mcr.microsoft.com/dotnet/aspnet=$prefix/dotnet-aspnet:$version
mcr.microsoft.com/dotnet/runtime=$prefix/dotnet-runtime:$version
node=$node_image
EOF
