using System.Runtime.InteropServices;

namespace Torch.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)] internal static partial OutputArchiveHandle THSSerialize_output_new();
    [LibraryImport(Library)] internal static partial void THSSerialize_output_dispose(IntPtr archive);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial void THSSerialize_output_write_tensor(OutputArchiveHandle archive, string name, TensorHandle tensor);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial void THSSerialize_output_write_optimizer(OutputArchiveHandle archive, string name, OptimizerHandle optimizer);
    [LibraryImport(Library)] internal static partial long THSSerialize_output_finish(OutputArchiveHandle archive);
    [LibraryImport(Library)] internal static partial void THSSerialize_output_copy(OutputArchiveHandle archive, void* destination, long nbytes);

    [LibraryImport(Library)] internal static partial InputArchiveHandle THSSerialize_input_from_bytes(void* data, long nbytes, int deviceType, int deviceIndex);
    [LibraryImport(Library)] internal static partial void THSSerialize_input_dispose(IntPtr archive);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial TensorHandle THSSerialize_input_read_tensor(InputArchiveHandle archive, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool THSSerialize_input_read_optimizer(InputArchiveHandle archive, string name, OptimizerHandle optimizer);
}
