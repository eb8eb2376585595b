using Torch.Modules;

namespace Torch;

public static partial class torch
{
    /// <summary>Module factories, as <c>torch.nn</c>.</summary>
    public static partial class nn
    {
        /// <summary>A fully connected layer.</summary>
        public static Linear Linear(long inputSize, long outputSize, bool hasBias = true) => new(inputSize, outputSize, hasBias);

        /// <summary>A 2-D convolution.</summary>
        public static Conv2d Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, bool hasBias = true) =>
            new(inChannels, outChannels, kernelSize, stride, padding, hasBias);

        /// <summary>A 2-D transposed convolution.</summary>
        public static ConvTranspose2d ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0,
            long outputPadding = 0, bool hasBias = true) =>
            new(inChannels, outChannels, kernelSize, stride, padding, outputPadding, hasBias);

        /// <summary>Batch normalisation of [N, C] inputs.</summary>
        public static BatchNorm1d BatchNorm1d(long features, double eps = 1e-5, double momentum = 0.1) => new(features, eps, momentum);

        /// <summary>Batch normalisation of [N, C, H, W] inputs.</summary>
        public static BatchNorm2d BatchNorm2d(long features, double eps = 1e-5, double momentum = 0.1) => new(features, eps, momentum);

        /// <summary>Dropout.</summary>
        public static Dropout Dropout(double p = 0.5) => new(p);

        /// <summary>Nearest-neighbour upsampling.</summary>
        public static Upsample Upsample(double scaleFactor) => new(scaleFactor);

        /// <summary>Flattens all but the batch dimension (by default).</summary>
        public static Flatten Flatten(long startDim = 1, long endDim = -1) => new(startDim, endDim);

        /// <summary>Splits a dimension into several.</summary>
        public static Unflatten Unflatten(long dim, long[] sizes) => new(dim, sizes);

        /// <summary>A chain of modules.</summary>
        public static Sequential Sequential(params Module[] layers) => new(layers);

        /// <summary>ReLU.</summary>
        public static ReLU ReLU() => new();

        /// <summary>Leaky ReLU.</summary>
        public static LeakyReLU LeakyReLU(double negativeSlope = 0.01) => new(negativeSlope);

        /// <summary>Tanh.</summary>
        public static Tanh Tanh() => new();

        /// <summary>Sigmoid.</summary>
        public static Sigmoid Sigmoid() => new();
    }
}
