using System.Runtime.InteropServices;

namespace Torch.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)] internal static partial GeneratorHandle THSGenerator_new_cpu(ulong seed);
    [LibraryImport(Library)] internal static partial void THSGenerator_dispose(IntPtr generator);
    [LibraryImport(Library)] internal static partial GeneratorHandle THSGenerator_default_cpu();
    [LibraryImport(Library)] internal static partial TensorHandle THSGenerator_get_state(GeneratorHandle generator);
    [LibraryImport(Library)] internal static partial void THSGenerator_set_state(GeneratorHandle generator, TensorHandle state);
    [LibraryImport(Library)] internal static partial void THSGenerator_manual_seed(ulong seed);
    [LibraryImport(Library)] internal static partial TensorHandle THSGenerator_rand(long* shape, int ndim, IntPtr generator, sbyte dtype, int deviceType, int deviceIndex);
    [LibraryImport(Library)] internal static partial TensorHandle THSGenerator_randn(long* shape, int ndim, IntPtr generator, sbyte dtype, int deviceType, int deviceIndex);
    [LibraryImport(Library)] internal static partial TensorHandle THSGenerator_randperm(long n, IntPtr generator, int deviceType, int deviceIndex);
}
