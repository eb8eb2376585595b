using System.CommandLine;
using Coordinator.Cli;
using Silo.Slots;
using Silo.Stores;
using Gan.Core.Training;
using static TorchSharp.torch;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep worker</c>.</summary>
public sealed class WorkerSettings : CommandSettings
{
    /// <summary>Where the sweeps are stored.</summary>
    public required StoreLocation Store { get; init; }

    /// <summary>libtorch threads.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The device for trials whose device is auto.</summary>
    public string? Device { get; init; }

    /// <summary>The silo process that started this trainer; the trainer stops when it dies.</summary>
    public int? ParentProcessId { get; init; }

    /// <inheritdoc />
    public override IEnumerable<string> Validate()
    {
        if (WorkerPlanSettings.ThreadsProblem(Threads) is { } threads)
            yield return threads;
        if (Device is not null && (Device == "auto" || !TrainerOptionCatalog.IsDevice(Device)))
            yield return $"device = '{Device}': must be cpu, cuda or cuda:N.";
    }
}

/// <summary>
/// <c>sweep worker</c>: a slot's trainer process. It trains the claims its silo writes to its
/// standard input, one at a time, and answers on standard output (<see cref="TrainerProtocol"/>).
/// Silos start these.
/// </summary>
public sealed class WorkerCommand() : SweepCommand<WorkerSettings>("worker", "A silo's trainer process: trains the trials its silo sends on standard input (silos start these).")
{
    private readonly Option<string?> store = CommonOptions.Store();
    private readonly Option<int> threads = new("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };
    private readonly Option<string?> device = new("--device") { Description = "Device for trials whose device is auto (cpu, cuda:N)." };
    private readonly Option<int?> parentProcessId = new("--parent-pid") { Description = "Stop (handing the trial back) when this process dies.", Hidden = true };

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Inputs => [store, threads, device, parentProcessId];

    /// <inheritdoc />
    public override WorkerSettings Bind(ParseResult parse) => new()
    {
        Store = StoreLocation.Resolve(parse.GetValue(store)),
        Threads = parse.GetValue(threads),
        Device = parse.GetValue(device),
        ParentProcessId = parse.GetValue(parentProcessId),
    };

    /// <inheritdoc />
    public override int Execute(WorkerSettings settings, CommandContext context)
    {
        if (settings.ParentProcessId is { } parent && !Signals.TerminateWithParent(parent))
            return ExitCodes.Interrupted;
        TorchRuntime.Start(settings.Threads);
        var device = settings.Device is null ? null : new Device(settings.Device);
        var signalled = new TrainerLoop(settings.Store, device, Console.In, context.Out, context.Error).Run(context.Cancellation);
        return signalled ? ExitCodes.Interrupted : ExitCodes.Ok;
    }
}
