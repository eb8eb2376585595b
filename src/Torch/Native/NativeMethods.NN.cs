using System.Runtime.InteropServices;

namespace Torch.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_linear(TensorHandle input, TensorHandle weight, TensorHandle bias);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_conv2d(TensorHandle input, TensorHandle weight, TensorHandle bias, long stride, long padding);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_conv_transpose2d(TensorHandle input, TensorHandle weight, TensorHandle bias, long stride, long padding, long outputPadding);
    [LibraryImport(Library)]
    internal static partial TensorHandle THSNN_batch_norm(TensorHandle input, TensorHandle weight, TensorHandle bias, TensorHandle runningMean, TensorHandle runningVar, [MarshalAs(UnmanagedType.U1)] bool training, double momentum, double eps);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_dropout(TensorHandle input, double p, [MarshalAs(UnmanagedType.U1)] bool training);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_max_pool2d(TensorHandle input, long kernel, long stride);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_upsample_nearest2d(TensorHandle input, double scale);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_relu(TensorHandle input);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_leaky_relu(TensorHandle input, double slope);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_tanh(TensorHandle input);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_sigmoid(TensorHandle input);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_softmax(TensorHandle input, long dim);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_log_softmax(TensorHandle input, long dim);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_binary_cross_entropy_with_logits(TensorHandle input, TensorHandle target, long reduction);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_cross_entropy(TensorHandle input, TensorHandle target, long reduction);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_mse_loss(TensorHandle input, TensorHandle target, long reduction);
    [LibraryImport(Library)] internal static partial TensorHandle THSNN_total_grad_norm(IntPtr* tensors, int count);
}
