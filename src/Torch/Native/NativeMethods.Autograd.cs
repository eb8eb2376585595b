using System.Runtime.InteropServices;

namespace Torch.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library)] internal static partial void THSAutograd_backward(TensorHandle t, TensorHandle gradient, [MarshalAs(UnmanagedType.U1)] bool retainGraph);
    [LibraryImport(Library)] internal static partial TensorHandle THSAutograd_grad(TensorHandle t);
    [LibraryImport(Library)] internal static partial void THSAutograd_clear_grad(TensorHandle t);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool THSAutograd_requires_grad(TensorHandle t);
    [LibraryImport(Library)] internal static partial void THSAutograd_set_requires_grad(TensorHandle t, [MarshalAs(UnmanagedType.U1)] bool value);
    [LibraryImport(Library)] internal static partial TensorHandle THSAutograd_detach(TensorHandle t);
    [LibraryImport(Library)] [return: MarshalAs(UnmanagedType.U1)] internal static partial bool THSAutograd_is_grad_enabled();
    [LibraryImport(Library)] internal static partial void THSAutograd_set_grad_enabled([MarshalAs(UnmanagedType.U1)] bool enabled);
}
