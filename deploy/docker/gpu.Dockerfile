# The GPU image: an NVIDIA CUDA runtime on Ubuntu 24.04, the .NET 10 runtime and the published
# `sweep` built with TorchBackend=cuda (TorchSharp-cuda-linux: libtorch 2.10 with its CUDA and
# cuDNN libraries, several GB). The node's NVIDIA driver is mounted by the container runtime.
# Build from the repository root:
#
#   docker build -f deploy/docker/gpu.Dockerfile -t REGISTRY/sweep:0.1.0-gpu .
#
# Ubuntu 24.04's libstdc++ has GLIBCXX_3.4.32, so TorchSharp's native library loads as it is:
# the build stage is Ubuntu 24.04 too, where build/TorchSharp.targets leaves it unpatched.
FROM mcr.microsoft.com/dotnet/runtime:10.0-noble AS runtime

# uPlot, which the build inlines into report pages (src/Coordinator/Coordinator.csproj).
FROM node:20.19-bookworm-slim AS web
WORKDIR /web
COPY src/Coordinator/Report/web/package.json src/Coordinator/Report/web/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY src/Gan.Core/Gan.Core.csproj src/Gan.Core/
COPY src/Silo/Silo.csproj src/Silo/
COPY src/Coordinator/Coordinator.csproj src/Coordinator/
RUN dotnet restore src/Coordinator/Coordinator.csproj -p:TorchBackend=cuda
COPY data/ data/
COPY src/ src/
COPY --from=web /web/node_modules src/Coordinator/Report/web/node_modules
RUN dotnet publish src/Coordinator -c Release --no-restore -nologo -p:TorchBackend=cuda -o /app

FROM nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04
LABEL org.opencontainers.image.title="sweep" \
      org.opencontainers.image.description="GAN hyperparameter sweeps on TorchSharp: the sweep command for NVIDIA GPU nodes"
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3t64 zlib1g libgomp1 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 sweep \
 && useradd --system --uid 10001 --gid sweep --home-dir /nonexistent --shell /usr/sbin/nologin sweep
COPY --from=runtime /usr/share/dotnet /usr/share/dotnet
COPY --from=build /app /app
COPY deploy/docker/sweep.sh /usr/local/bin/sweep
# The shared volume's mount point, owned by sweep's user so that the image also runs without one
# (docker run): the classifier cache is then the container's own.
RUN ln -s /usr/share/dotnet/dotnet /usr/local/bin/dotnet \
 && mkdir -p /var/lib/sweep/shared \
 && chown 10001:10001 /var/lib/sweep/shared
# NVIDIA_DRIVER_CAPABILITIES, read by the NVIDIA container runtime: the compute libraries and
# nvidia-smi, nothing more.
ENV NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    SWEEP_CACHE=/var/lib/sweep/shared/cache \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
USER 10001:10001
ENTRYPOINT ["sweep"]
CMD ["--help"]
