# The CPU image: Debian 12, the .NET 10 runtime and the published `sweep`, with libtorch 2.10 for
# the CPU. Build from the repository root:
#
#   docker build -f deploy/docker/cpu.Dockerfile -t REGISTRY/sweep:0.1.0-cpu .
#
# Both stages are Debian 12 on purpose: the build patches TorchSharp's native library only when
# the build machine's libstdc++ lacks GLIBCXX_3.4.32 (build/TorchSharp.targets), and Debian 12's
# does, so the patched library is the one that loads where the image runs.

# .NET publishes no Debian 12 images for .NET 10; its portable SDK and runtime run on Debian 12
# (this repository's own machines do), so they are copied from the official images.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS sdk
FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime

# uPlot, which the build inlines into report pages (src/Coordinator/Coordinator.csproj).
FROM node:20.19-bookworm-slim AS web
WORKDIR /web
COPY src/Coordinator/Report/web/package.json src/Coordinator/Report/web/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM debian:12.12 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=sdk /usr/share/dotnet /usr/share/dotnet
# No ICU in this stage: the SDK runs with invariant globalization, as sweep itself does.
ENV PATH=/usr/share/dotnet:$PATH DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
WORKDIR /src
# The project files first, so that the restore (libtorch is about 600 MB) stays cached while
# only sources change.
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY src/Gan.Core/Gan.Core.csproj src/Gan.Core/
COPY src/Silo/Silo.csproj src/Silo/
COPY src/Coordinator/Coordinator.csproj src/Coordinator/
RUN dotnet restore src/Coordinator/Coordinator.csproj
COPY data/ data/
COPY src/ src/
COPY --from=web /web/node_modules src/Coordinator/Report/web/node_modules
RUN dotnet publish src/Coordinator -c Release --no-restore -nologo -o /app

FROM debian:12.12-slim
LABEL org.opencontainers.image.title="sweep" \
      org.opencontainers.image.description="GAN hyperparameter sweeps on TorchSharp: the sweep command for CPU nodes"
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3 zlib1g libgomp1 \
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
# SWEEP_CACHE: the classifier cache, which the manifests put on the volume every silo shares so
# that one pod trains each classifier once and the rest read it.
ENV SWEEP_CACHE=/var/lib/sweep/shared/cache \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
USER 10001:10001
ENTRYPOINT ["sweep"]
CMD ["--help"]
