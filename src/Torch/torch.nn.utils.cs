using Torch.Native;

namespace Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Helpers over parameter lists, as <c>torch.nn.utils</c>.</summary>
        public static class utils
        {
            /// <summary>
            /// The L2 norm of all the parameters' gradients taken together (as clip_grad_norm_
            /// computes it, without clipping); parameters without a gradient count as zero. The
            /// result is a scalar tensor on the parameters' device.
            /// </summary>
            public static unsafe Tensor grad_norm(IReadOnlyList<Tensor> parameters)
            {
                if (parameters.Count == 0)
                    throw new ArgumentException("grad_norm needs at least one parameter.", nameof(parameters));
                var handles = RawHandles(parameters);
                fixed (IntPtr* p = handles)
                {
                    var result = Tensor.From(NativeMethods.THSNN_total_grad_norm(p, handles.Length));
                    GC.KeepAlive(parameters);
                    return result;
                }
            }
        }
    }
}
