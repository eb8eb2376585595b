# The GPU image: an NVIDIA CUDA runtime on Ubuntu 24.04, the .NET 10 and ASP.NET Core runtimes
# (sweep.runtimeconfig.json names both), and the published `sweep` built with TorchBackend=cuda
# (TorchSharp-cuda-linux: libtorch 2.10 with its CUDA and cuDNN libraries, several GB). The node's
# NVIDIA driver is mounted by the container runtime. Build from the repository root:
#
#   docker build --platform linux/amd64 -f deploy/docker/gpu.Dockerfile -t REGISTRY/sweep:0.1.0-gpu .
#
# The base images are build arguments, defaulting to the public images; CI passes local stand-ins
# made offline from Debian's packages (deploy/docker/local-bases.sh) and TORCH_BACKEND=cpu, since
# TorchSharp-cuda is not served there.
#
# The build stage is Debian 12, as in cpu.Dockerfile: TorchSharp's native library is patched there
# to ask for an older libstdc++ (build/TorchSharp.targets), which Ubuntu 24.04's also provides.
ARG DOTNET_SDK=mcr.microsoft.com/dotnet/sdk:10.0.401
ARG DOTNET_RUNTIME=mcr.microsoft.com/dotnet/aspnet:10.0.12
ARG NODE=node:20.19.5-bookworm-slim
ARG DEBIAN=debian:12.12
ARG CUDA=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04

# .NET publishes no Debian 12 images for .NET 10; its portable SDK and runtimes run on Debian 12
# (this repository's own machines do), so they are copied from the official images.
FROM ${DOTNET_SDK} AS sdk
FROM ${DOTNET_RUNTIME} AS runtime

# uPlot, which the build inlines into report pages (src/Coordinator/Coordinator.csproj).
FROM ${NODE} AS web
WORKDIR /web
COPY src/Coordinator/Report/web/package.json src/Coordinator/Report/web/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${DEBIAN} AS build
ARG TORCH_BACKEND=cuda
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=sdk /usr/share/dotnet /usr/share/dotnet
# No ICU in this stage: the SDK runs with invariant globalization, as sweep itself does. No
# MSBuild nodes or build server outlive a RUN, to leave their sockets in the layer.
ENV PATH=/usr/share/dotnet:$PATH DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
    MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
WORKDIR /src
# The project files first, so that the restore (libtorch is about 600 MB) stays cached while
# only sources change.
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY src/Gan.Core/Gan.Core.csproj src/Gan.Core/
COPY src/Silo/Silo.csproj src/Silo/
COPY src/Coordinator/Coordinator.csproj src/Coordinator/
RUN dotnet restore src/Coordinator/Coordinator.csproj -p:TorchBackend=${TORCH_BACKEND}
COPY data/ data/
COPY src/ src/
COPY --from=web /web/node_modules src/Coordinator/Report/web/node_modules
RUN dotnet publish src/Coordinator -c Release --no-restore -nologo -p:TorchBackend=${TORCH_BACKEND} -o /app

FROM ${CUDA}
LABEL org.opencontainers.image.title="sweep" \
      org.opencontainers.image.description="GAN hyperparameter sweeps on TorchSharp: the sweep command for NVIDIA GPU nodes"
COPY deploy/docker/install.sh /tmp/install.sh
RUN /tmp/install.sh && rm /tmp/install.sh
COPY --from=runtime /usr/share/dotnet /usr/share/dotnet
COPY --from=build /app /app
COPY deploy/docker/sweep.sh /usr/local/bin/sweep
# SWEEP_CACHE: the classifier cache, which the manifests put on the volume every silo shares so
# that one pod trains each classifier once and the rest read it.
# NVIDIA_DRIVER_CAPABILITIES, read by the NVIDIA container runtime: the compute libraries and
# nvidia-smi, nothing more.
ENV NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    SWEEP_CACHE=/var/lib/sweep/shared/cache \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
USER 10001:10001
ENTRYPOINT ["sweep"]
CMD ["--help"]
