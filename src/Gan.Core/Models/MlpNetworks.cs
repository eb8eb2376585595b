using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>The tutorials' fully connected networks, with libtorch's default initialisation.</summary>
internal static class MlpNetworks
{
    private const int Pixels = 28 * 28;

    internal static nn.Module<Tensor, Tensor> Generator(int latentSize, int hidden, bool leakyGenerator)
    {
        nn.Module<Tensor, Tensor> Activation() => leakyGenerator ? nn.LeakyReLU(0.2) : nn.ReLU();
        return nn.Sequential(
            nn.Linear(latentSize, hidden), Activation(),
            nn.Linear(hidden, hidden), Activation(),
            nn.Linear(hidden, Pixels), nn.Tanh(),
            nn.Unflatten(1, [1, 28, 28]));
    }

    internal static nn.Module<Tensor, Tensor> Discriminator(int hidden) =>
        nn.Sequential(
            nn.Flatten(),
            nn.Linear(Pixels, hidden), nn.LeakyReLU(0.2),
            nn.Linear(hidden, hidden), nn.LeakyReLU(0.2),
            nn.Linear(hidden, 1));
}
