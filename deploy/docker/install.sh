#!/bin/sh
# The final stage of both images, run as root from their Dockerfiles: the libraries sweep and
# libtorch load, the data the shipped sweep files name, sweep's user, and the shared volume's
# mount point. Debian 12 and Ubuntu 24.04 (the CUDA base) name OpenSSL's package differently.
set -eu
apt-get update
if apt-cache show libssl3t64 >/dev/null 2>&1; then libssl=libssl3t64; else libssl=libssl3; fi
# What .NET's own runtime-deps images install, less ICU (sweep runs with invariant
# globalization): without libgssapi-krb5-2, the first GSSAPI call (Npgsql negotiating GSS
# encryption with PostgreSQL) aborts the process. Then libtorch's OpenMP, and
# dataset-fashion-mnist, which sweeps/fashion-lr.yaml trains on (/usr/share/datasets/fashion-mnist).
apt-get install -y --no-install-recommends ca-certificates "$libssl" zlib1g libgssapi-krb5-2 tzdata libgomp1 dataset-fashion-mnist
rm -rf /var/lib/apt/lists/*
groupadd --system --gid 10001 sweep
useradd --system --uid 10001 --gid sweep --home-dir /nonexistent --shell /usr/sbin/nologin sweep
ln -s /usr/share/dotnet/dotnet /usr/local/bin/dotnet
# Owned by sweep's user so that the image also runs without a volume there (docker run): the
# classifier cache is then the container's own.
mkdir -p /var/lib/sweep/shared
chown 10001:10001 /var/lib/sweep/shared
