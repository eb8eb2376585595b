using System.Diagnostics;

namespace Gan.Core.Runtime;

/// <summary>
/// Keeps TorchSharp's temporary Scalars alive for the whole of the native call that reads them.
/// </summary>
/// <remarks>
/// TorchSharp 0.107 turns every .NET number passed to libtorch (Adam's betas, <c>x.gt(0)</c>,
/// <c>x + 1.0</c>) into a finalizable <c>Scalar</c>. Optimised code drops the last reference as
/// soon as the native handle is read, so a collection set off by another thread while libtorch
/// runs can finalize the Scalar and free the value libtorch is about to read: the step fails with
/// "Unknown scalar type", or trains with a wrong number (dotnet/TorchSharp pull requests 1434 and
/// 1496, not released). Code the JIT compiles with minimal optimisation reports every argument
/// and local live to the end of its method, which closes that window at no measurable cost to a
/// training step, whose time is spent in libtorch. The JIT reads the setting only from the
/// environment, at start-up: the `sweep` launcher, the worker processes and the test runner set
/// it. Scalars made inside a TorchSharp method and never stored (linalg.vector_norm's order) stay
/// unprotected, so the trainer does not call those.
/// </remarks>
public static class ScalarLifetimes
{
    /// <summary>The runtime setting, read from the environment when a process starts.</summary>
    public const string Variable = "DOTNET_JITMinOpts";

    /// <summary>Whether this process started with the setting.</summary>
    public static bool Protected => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Starts <paramref name="process"/> with the setting.</summary>
    public static ProcessStartInfo Protect(this ProcessStartInfo process)
    {
        process.Environment[Variable] = "1";
        return process;
    }
}
