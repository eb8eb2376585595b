using System.CommandLine;
using Coordinator.Cli;
using Gan.Core.Runtime;
using TorchSharp;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep info</c>: none.</summary>
public sealed record InfoSettings() : CommandSettings;

/// <summary><c>sweep info</c>: what this machine will train on (libtorch, TorchSharp, devices, threads, BLAS).</summary>
public sealed class InfoCommand() : SweepCommand<InfoSettings>("info", "Show the libtorch and TorchSharp versions, the devices, the thread count and the BLAS libtorch uses.")
{
    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [];

    /// <inheritdoc />
    public override InfoSettings Bind(ParseResult parse) => new();

    /// <inheritdoc />
    public override int Execute(InfoSettings settings, CommandContext context)
    {
        var build = TorchBuild.Read();
        var cudaDevices = torch.cuda.device_count();
        context.Out.WriteLine($"libtorch      {build.LibtorchVersion} ({(build.CudaBuild ? "CUDA" : "CPU")} build)");
        context.Out.WriteLine($"TorchSharp    {build.TorchSharpVersion}");
        context.Out.WriteLine($"device        {Device(build.CudaBuild, cudaDevices)}");
        context.Out.WriteLine($"cpu threads   {torch.get_num_threads()} of {Environment.ProcessorCount} cores");
        context.Out.WriteLine($"cpu kernels   {build.CpuCapability}");
        context.Out.WriteLine($"blas          {build.Blas}");
        context.Out.WriteLine($"scalars       {(ScalarLifetimes.Protected ? "kept alive through native calls" : $"unprotected: start sweep through its launcher, or with {ScalarLifetimes.Variable}=1")}");
        return ExitCodes.Ok;
    }

    /// <summary>Where <c>--device auto</c> trains, and why.</summary>
    private static string Device(bool cudaBuild, int cudaDevices) =>
        (cudaBuild, cudaDevices) switch
        {
            (false, _) => "cpu (this is the CPU build of libtorch; build with -p:TorchBackend=cuda to train on GPUs)",
            (true, 0) => "cpu (no CUDA device found)",
            (true, 1) => "cuda:0 (1 CUDA device)",
            _ => $"cuda:0 (cuda:0 to cuda:{cudaDevices - 1}; sweep run starts a worker per device)",
        };
}
