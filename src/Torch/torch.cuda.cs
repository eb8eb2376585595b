using Torch.Native;

namespace Torch;

public static partial class torch
{
    /// <summary>CUDA devices: whether there are any, and how many.</summary>
    public static class cuda
    {
        /// <summary>Whether libtorch was built with CUDA and sees a usable GPU.</summary>
        public static bool is_available()
        {
            var available = NativeMethods.THSDevice_cuda_is_available();
            CheckForErrors();
            return available;
        }

        /// <summary>The number of visible CUDA devices.</summary>
        public static int device_count()
        {
            var count = NativeMethods.THSDevice_cuda_device_count();
            CheckForErrors();
            return count;
        }
    }
}
