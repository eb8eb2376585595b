using System.Runtime.InteropServices;

namespace Torch.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library)] internal static partial void THSInit_normal_(TensorHandle t, double mean, double std);
    [LibraryImport(Library)] internal static partial void THSInit_uniform_(TensorHandle t, double low, double high);
    [LibraryImport(Library)] internal static partial void THSInit_constant_(TensorHandle t, double value);
    [LibraryImport(Library)] internal static partial void THSInit_xavier_uniform_(TensorHandle t, double gain);
    [LibraryImport(Library)] internal static partial void THSInit_xavier_normal_(TensorHandle t, double gain);
    [LibraryImport(Library)] internal static partial void THSInit_kaiming_uniform_(TensorHandle t, double a, int nonlinearity);
    [LibraryImport(Library)] internal static partial void THSInit_kaiming_normal_(TensorHandle t, double a, int nonlinearity);
}
