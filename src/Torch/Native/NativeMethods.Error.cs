using System.Runtime.InteropServices;

namespace Torch.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial IntPtr THSError_take();
}
