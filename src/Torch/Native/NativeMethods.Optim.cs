using System.Runtime.InteropServices;

namespace Torch.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)] internal static partial OptimizerHandle THSOptim_adam(IntPtr* parameters, int count, double lr, double beta1, double beta2, double eps, double weightDecay);
    [LibraryImport(Library)] internal static partial OptimizerHandle THSOptim_rmsprop(IntPtr* parameters, int count, double lr, double alpha, double eps, double weightDecay, double momentum);
    [LibraryImport(Library)] internal static partial OptimizerHandle THSOptim_sgd(IntPtr* parameters, int count, double lr, double momentum, double weightDecay, [MarshalAs(UnmanagedType.U1)] bool nesterov);
    [LibraryImport(Library)] internal static partial void THSOptim_dispose(IntPtr optimizer);
    [LibraryImport(Library)] internal static partial void THSOptim_step(OptimizerHandle optimizer);
    [LibraryImport(Library)] internal static partial void THSOptim_zero_grad(OptimizerHandle optimizer);
    [LibraryImport(Library)] internal static partial void THSOptim_set_lr(OptimizerHandle optimizer, double lr);
    [LibraryImport(Library)] internal static partial double THSOptim_get_lr(OptimizerHandle optimizer);
}
