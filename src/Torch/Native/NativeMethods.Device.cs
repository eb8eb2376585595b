using System.Runtime.InteropServices;

namespace Torch.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool THSDevice_cuda_is_available();
    [LibraryImport(Library)] internal static partial int THSDevice_cuda_device_count();
    [LibraryImport(Library)] internal static partial void THSDevice_set_num_threads(int count);
    [LibraryImport(Library)] internal static partial int THSDevice_get_num_threads();
    [LibraryImport(Library)] internal static partial IntPtr THSDevice_torch_version();
}
