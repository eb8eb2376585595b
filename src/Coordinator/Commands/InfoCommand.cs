using System.CommandLine;
using Coordinator.Cli;
using Torch;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep info</c>: none.</summary>
public sealed class InfoSettings : CommandSettings;

/// <summary><c>sweep info</c>: what this machine will train on (libtorch, devices, threads, BLAS).</summary>
public sealed class InfoCommand : SweepCommand<InfoSettings>
{
    /// <inheritdoc />
    public override string Name => "info";

    /// <inheritdoc />
    public override string Description => "Show libtorch's version, the devices, the thread count and the BLAS in use.";

    /// <inheritdoc />
    public override void Define(Command command)
    {
    }

    /// <inheritdoc />
    public override InfoSettings Bind(ParseResult parse) => new();

    /// <inheritdoc />
    public override int Execute(InfoSettings settings, CommandContext context)
    {
        var cudaDevices = torch.cuda.device_count();
        context.Out.WriteLine($"libtorch      {torch.__version__}");
        context.Out.WriteLine($"cuda devices  {cudaDevices}{(cudaDevices > 0 ? "" : " (training runs on the CPU)")}");
        context.Out.WriteLine($"cpu threads   {torch.get_num_threads()} of {Environment.ProcessorCount} cores");
        var warning = BlasCheck.Warning();
        context.Out.WriteLine($"blas          {(warning is null ? "optimised" : "reference (slow)")}");
        if (warning is not null)
            context.Error.WriteLine($"warning: {warning}");
        return ExitCodes.Ok;
    }
}
