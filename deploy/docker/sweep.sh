#!/bin/sh
# The image's `sweep`, as setup.sh installs it on a machine: minimal JIT optimisation keeps
# TorchSharp's temporary Scalars alive through their native calls
# (Gan.Core.Runtime.ScalarLifetimes says why); the JIT reads it only from the environment.
DOTNET_JITMinOpts=1 exec dotnet /app/sweep.dll "$@"
