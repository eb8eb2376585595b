using System.Reflection;
using System.Runtime.InteropServices;

namespace Torch.Native;

/// <summary>
/// Finds and loads libtorch_shim.so. If nothing loads, the error lists every place tried and
/// why each failed (a missing libtorch shows up as the loader's own message), and says what
/// to run.
/// </summary>
internal static class ShimLocator
{
    internal const string FileName = "libtorch_shim.so";
    internal const string PathVariable = "SWEEP_TORCH_SHIM";

    internal static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == NativeMethods.Library ? Load(Candidates(assembly)) : IntPtr.Zero;

    /// <summary>Where to look, in order: the override variable, then beside the application and the binding.</summary>
    internal static IReadOnlyList<string> Candidates(Assembly assembly)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } overridden)
            candidates.Add(overridden);
        candidates.Add(Path.Combine(AppContext.BaseDirectory, FileName));
        if (Path.GetDirectoryName(assembly.Location) is { Length: > 0 } assemblyDirectory)
            candidates.Add(Path.Combine(assemblyDirectory, FileName));
        return candidates.Distinct().ToList();
    }

    /// <summary>Loads the first candidate that loads, or throws <see cref="TorchLoadException"/>.</summary>
    internal static IntPtr Load(IReadOnlyList<string> candidates)
    {
        var failures = new List<string>();
        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate))
            {
                failures.Add($"{candidate}: no such file");
                continue;
            }
            try
            {
                return NativeLibrary.Load(candidate);
            }
            catch (DllNotFoundException e)
            {
                failures.Add($"{candidate}: {e.Message}");
            }
        }
        throw new TorchLoadException(failures);
    }
}
