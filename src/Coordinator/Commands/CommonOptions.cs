using System.CommandLine;

namespace Coordinator.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    /// <summary>--db PATH.</summary>
    public static Option<string?> Database() => new("--db") { Description = "The sweep database (default: $SWEEP_DB, else ./sweeps.db)." };

    /// <summary>--workers N.</summary>
    public static Option<int?> Workers() => new("--workers") { Description = "Worker processes (default: one per GPU; on the CPU one per core)." };

    /// <summary>--threads N.</summary>
    public static Option<int?> Threads() => new("--threads") { Description = "libtorch threads per worker (default: cores / workers)." };
}
