using Torch.Native;

namespace Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>How a loss reduces over the batch.</summary>
        public enum Reduction
        {
            /// <summary>One loss per element.</summary>
            None = 0,
            /// <summary>The mean (the default).</summary>
            Mean = 1,
            /// <summary>The sum.</summary>
            Sum = 2,
        }

        /// <summary>Layers, activations and losses as plain functions, as <c>torch.nn.functional</c>.</summary>
        public static class functional
        {
            /// <summary>x Wᵀ + b.</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
                Tensor.From(NativeMethods.THSNN_linear(input.Handle, weight.Handle, bias?.Handle ?? TensorHandle.Null));

            /// <summary>2-D convolution with a square kernel, stride and padding.</summary>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0) =>
                Tensor.From(NativeMethods.THSNN_conv2d(input.Handle, weight.Handle, bias?.Handle ?? TensorHandle.Null, stride, padding));

            /// <summary>2-D transposed convolution; weight is [in, out, k, k].</summary>
            public static Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long output_padding = 0) =>
                Tensor.From(NativeMethods.THSNN_conv_transpose2d(input.Handle, weight.Handle, bias?.Handle ?? TensorHandle.Null, stride, padding, output_padding));

            /// <summary>Batch normalisation; in training it also updates the running statistics in place.</summary>
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null,
                bool training = false, double momentum = 0.1, double eps = 1e-5) =>
                Tensor.From(NativeMethods.THSNN_batch_norm(input.Handle, weight?.Handle ?? TensorHandle.Null, bias?.Handle ?? TensorHandle.Null,
                    running_mean?.Handle ?? TensorHandle.Null, running_var?.Handle ?? TensorHandle.Null, training, momentum, eps));

            /// <summary>Zeroes elements with probability p while training, scaling the rest by 1/(1−p).</summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true) =>
                Tensor.From(NativeMethods.THSNN_dropout(input.Handle, p, training));

            /// <summary>2-D max pooling with a square window.</summary>
            public static Tensor max_pool2d(Tensor input, long kernel_size, long? stride = null) =>
                Tensor.From(NativeMethods.THSNN_max_pool2d(input.Handle, kernel_size, stride ?? kernel_size));

            /// <summary>Nearest-neighbour upsampling of [N, C, H, W] by a scale factor.</summary>
            public static Tensor upsample_nearest2d(Tensor input, double scale_factor) =>
                Tensor.From(NativeMethods.THSNN_upsample_nearest2d(input.Handle, scale_factor));

            /// <summary>max(x, 0).</summary>
            public static Tensor relu(Tensor input) => Tensor.From(NativeMethods.THSNN_relu(input.Handle));

            /// <summary>x if x ≥ 0, else slope·x.</summary>
            public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01) =>
                Tensor.From(NativeMethods.THSNN_leaky_relu(input.Handle, negative_slope));

            /// <summary>Hyperbolic tangent.</summary>
            public static Tensor tanh(Tensor input) => Tensor.From(NativeMethods.THSNN_tanh(input.Handle));

            /// <summary>1 / (1 + e^−x).</summary>
            public static Tensor sigmoid(Tensor input) => Tensor.From(NativeMethods.THSNN_sigmoid(input.Handle));

            /// <summary>Softmax along <paramref name="dim"/>.</summary>
            public static Tensor softmax(Tensor input, long dim) => Tensor.From(NativeMethods.THSNN_softmax(input.Handle, dim));

            /// <summary>Log-softmax along <paramref name="dim"/>.</summary>
            public static Tensor log_softmax(Tensor input, long dim) => Tensor.From(NativeMethods.THSNN_log_softmax(input.Handle, dim));

            /// <summary>Binary cross-entropy on logits, against a target tensor of probabilities.</summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                Tensor.From(NativeMethods.THSNN_binary_cross_entropy_with_logits(input.Handle, target.Handle, (long)reduction));

            /// <summary>Cross-entropy of logits [N, C] against class indices [N] (int64).</summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                Tensor.From(NativeMethods.THSNN_cross_entropy(input.Handle, target.Handle, (long)reduction));

            /// <summary>Mean squared error.</summary>
            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                Tensor.From(NativeMethods.THSNN_mse_loss(input.Handle, target.Handle, (long)reduction));
        }
    }
}
