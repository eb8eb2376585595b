using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Gan.Core.Runtime;

/// <summary>
/// What the loaded libtorch was built with, as PyTorch's <c>torch.__config__.show()</c> reports
/// it: its version, its BLAS and LAPACK (MKL in the CPU package), OpenMP and the CPU
/// capability it dispatches to. TorchSharp does not expose this, so it is read from libtorch's
/// own <c>at::show_config()</c>. <see cref="CudaBuild"/> tells the CUDA runtime package
/// (<c>-p:TorchBackend=cuda</c>) from the CPU one, which sees no GPU even on a GPU machine.
/// </summary>
public sealed record TorchBuild(string TorchSharpVersion, string LibtorchVersion, string Blas, string CpuCapability, bool CudaBuild, string Config)
{
    // at::show_config() returns a std::string; under the Itanium C++ ABI the caller passes the
    // address of the result (32 bytes: pointer, length, then capacity or inline characters).
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void ShowConfig(IntPtr result);

    /// <summary>Reads the build of the libtorch that TorchSharp has loaded (loading it if needed).</summary>
    public static TorchBuild Read()
    {
        var torchSharp = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
        torch.InitializeDeviceType(DeviceType.CPU);
        var config = LibtorchConfig() ?? "";
        string Line(string prefix) => config.Split('\n').Select(l => l.Trim().TrimStart('-').Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) ?? "";
        string Setting(string name) => config.Split(',', '\n', ' ').FirstOrDefault(s => s.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..] ?? "unknown";
        var mkl = Line("Intel(R) oneAPI Math Kernel Library");
        var blas = Setting("BLAS_INFO") + (mkl.Length > 0 ? $" ({mkl.Split(" for ")[0]})" : "");
        var capability = Line("CPU capability usage:").Split(':').Last().Trim();
        // Only the CUDA runtime package ships libtorch_cuda.
        var cudaBuild = NativeLibrary.TryLoad("libtorch_cuda.so", typeof(torch).Assembly, null, out _);
        return new TorchBuild(torchSharp, Setting("TORCH_VERSION"), blas, capability.Length > 0 ? capability : "unknown", cudaBuild, config);
    }

    private static string? LibtorchConfig()
    {
        if (!NativeLibrary.TryLoad(OperatingSystem.IsWindows() ? "torch_cpu" : "libtorch_cpu.so", typeof(torch).Assembly, null, out var library)
            || !NativeLibrary.TryGetExport(library, "_ZN2at11show_configB5cxx11Ev", out var export))
            return null;
        var result = Marshal.AllocHGlobal(32);
        try
        {
            Marshal.GetDelegateForFunctionPointer<ShowConfig>(export)(result);
            // The string's heap buffer is left to the process: this runs once, for `sweep info`.
            return Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(result), checked((int)Marshal.ReadInt64(result, 8)));
        }
        finally
        {
            Marshal.FreeHGlobal(result);
        }
    }
}
