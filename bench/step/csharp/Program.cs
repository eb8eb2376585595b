// The product's own training step (Gan.Core's TrainingStep: a D step on real and detached fake,
// then a G step through D; BCE with logits, Adam 2e-4 beta1 0.5) through TorchSharp.
// Usage: GanStep ARCH STEPS THREADS BLOCK [PRECISION]    (ARCH: mlp, dcgan or dcgan-small at width 0.25 on 28×28 grey
// images, or dcgan64: dcgan on 64×64 colour, PyTorch's DCGAN tutorial network; PRECISION: fp32 or bf16)
// Times STEPS steps in blocks of BLOCK and prints the median block's rate: steps_per_second=<value>;
// then peak_gflops=<value>, a plain GEMM (1024 x 1024, float32) on the same threads through
// libtorch's own BLAS, the best of 10 blocks (bench/step/pytorch/step.py counts the step's work for both).
// GanStep --versions prints the TorchSharp and libtorch versions and libtorch's BLAS.
using System.Diagnostics;
using System.Globalization;
using Gan.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

if (args[0] == "--versions")
{
    var build = Gan.Core.Runtime.TorchBuild.Read();
    Console.WriteLine($"{build.TorchSharpVersion}, libtorch {build.LibtorchVersion}, BLAS {build.Blas}, CPU kernels {build.CpuCapability}");
    return;
}
// dcgan64 is the dcgan architecture on the 64×64 colour images it meets as PyTorch's DCGAN tutorial network.
var (arch, shape) = args[0] == "dcgan64" ? (Architectures.Dcgan, new SampleShape(3, 64, 64)) : (args[0], SampleShape.Grey28);
var steps = int.Parse(args[1], CultureInfo.InvariantCulture);
set_num_threads(int.Parse(args[2], CultureInfo.InvariantCulture));
var block = int.Parse(args[3], CultureInfo.InvariantCulture);
manual_seed(0);
var (batch, latent) = arch == Architectures.Mlp ? (100, 64) : (64, 100);
var options = new Gan.Core.Training.TrainerOptions
{
    Arch = arch, LatentSize = latent, Width = 0.25, BatchSize = batch, Lr = 2e-4, Beta1 = 0.5, Beta2 = 0.999,
    Precision = args.Length > 4 ? args[4] : Gan.Core.Training.TrainerOptions.PrecisionFp32,
};

using var pair = Architectures.Create(arch, latent, options.Width, shape);
using var trainingStep = new Gan.Core.Training.TrainingStep(options, pair, shape, CPU);
using var real = rand([batch, .. shape.Dimensions]) * 2.0 - 1.0;
using var noise = new Generator(1, CPU);

void Step()
{
    using var scope = NewDisposeScope();
    trainingStep.Run(() => real, noise);
}

for (var i = 0; i < Math.Max(2, block); i++)
    Step();
var rates = new List<double>();
for (var b = 0; b < steps / block; b++)
{
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < block; i++)
        Step();
    rates.Add(block / clock.Elapsed.TotalSeconds);
}
rates.Sort();
Console.WriteLine(FormattableString.Invariant($"steps_per_second={rates[rates.Count / 2]:F3}"));

using (var a = rand([1024, 1024]))
using (var b2 = rand([1024, 1024]))
{
    mm(a, b2).Dispose();
    // The best of 10 blocks of 5 GEMMs: a peak, so the block least disturbed by the machine's other work.
    var best = 0.0;
    for (var round = 0; round < 10; round++)
    {
        var gemmClock = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
            mm(a, b2).Dispose();
        best = Math.Max(best, 5 * 2.0 * Math.Pow(1024, 3) / gemmClock.Elapsed.TotalSeconds / 1e9);
    }
    Console.WriteLine(FormattableString.Invariant($"peak_gflops={best:F2}"));
}
