using System.Runtime.InteropServices;

namespace Torch.Native;

/// <summary>
/// Every entry point of the C shim (libtorch_shim.so). One partial file per shim source file:
/// NativeMethods.Tensor.cs declares THSTensor.cpp's exports, and so on.
/// </summary>
internal static partial class NativeMethods
{
    internal const string Library = "torch_shim";

    static NativeMethods()
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeMethods).Assembly, ShimLocator.Resolve);
    }
}
