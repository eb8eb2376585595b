using Torch.Native;

namespace Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>In-place weight initialisation, as <c>torch.nn.init</c>; each returns its tensor.</summary>
        public static class init
        {
            /// <summary>The nonlinearity a Kaiming initialisation is scaled for.</summary>
            public enum Nonlinearity
            {
                /// <summary>Leaky ReLU with slope a (a = √5 gives libtorch's Linear and Conv defaults).</summary>
                LeakyReLU = 0,
                /// <summary>ReLU.</summary>
                ReLU = 1,
            }

            /// <summary>Samples from N(mean, std²); DCGAN uses (0, 0.02).</summary>
            public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1) =>
                Apply(tensor, t => NativeMethods.THSInit_normal_(t, mean, std));

            /// <summary>Samples from U(low, high).</summary>
            public static Tensor uniform_(Tensor tensor, double low = 0, double high = 1) =>
                Apply(tensor, t => NativeMethods.THSInit_uniform_(t, low, high));

            /// <summary>Sets every element to <paramref name="value"/>.</summary>
            public static Tensor constant_(Tensor tensor, double value) =>
                Apply(tensor, t => NativeMethods.THSInit_constant_(t, value));

            /// <summary>Sets every element to zero.</summary>
            public static Tensor zeros_(Tensor tensor) => constant_(tensor, 0);

            /// <summary>Sets every element to one.</summary>
            public static Tensor ones_(Tensor tensor) => constant_(tensor, 1);

            /// <summary>Glorot uniform.</summary>
            public static Tensor xavier_uniform_(Tensor tensor, double gain = 1) =>
                Apply(tensor, t => NativeMethods.THSInit_xavier_uniform_(t, gain));

            /// <summary>Glorot normal.</summary>
            public static Tensor xavier_normal_(Tensor tensor, double gain = 1) =>
                Apply(tensor, t => NativeMethods.THSInit_xavier_normal_(t, gain));

            /// <summary>He uniform, scaled by fan-in.</summary>
            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, Nonlinearity nonlinearity = Nonlinearity.LeakyReLU) =>
                Apply(tensor, t => NativeMethods.THSInit_kaiming_uniform_(t, a, (int)nonlinearity));

            /// <summary>He normal, scaled by fan-in.</summary>
            public static Tensor kaiming_normal_(Tensor tensor, double a = 0, Nonlinearity nonlinearity = Nonlinearity.LeakyReLU) =>
                Apply(tensor, t => NativeMethods.THSInit_kaiming_normal_(t, a, (int)nonlinearity));

            private static Tensor Apply(Tensor tensor, Action<TensorHandle> initialise, [System.Runtime.CompilerServices.CallerMemberName] string operation = "")
            {
                initialise(tensor.Handle);
                CheckForErrors(operation);
                return tensor;
            }
        }
    }
}
