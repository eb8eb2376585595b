using System.Runtime.InteropServices;

namespace Torch.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library)] internal static partial TensorHandle THSLinalg_matmul(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial TensorHandle THSLinalg_diag(TensorHandle a);
    [LibraryImport(Library)] internal static partial TensorHandle THSLinalg_trace(TensorHandle a);
    [LibraryImport(Library)] internal static partial void THSLinalg_eigh(TensorHandle a, out IntPtr eigenvalues, out IntPtr eigenvectors);
    [LibraryImport(Library)] internal static partial void THSLinalg_svd(TensorHandle a, [MarshalAs(UnmanagedType.U1)] bool fullMatrices, out IntPtr u, out IntPtr s, out IntPtr vh);
}
