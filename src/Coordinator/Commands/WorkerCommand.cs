using System.CommandLine;
using Coordinator.Cli;
using Silo.Scheduling;
using Silo.Stores;
using Gan.Core.Training;
using static TorchSharp.torch;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep worker</c>.</summary>
public sealed class WorkerSettings : CommandSettings
{
    /// <summary>The sweep's name.</summary>
    public required string Sweep { get; init; }

    /// <summary>Where the sweeps are stored.</summary>
    public required StoreLocation Store { get; init; }

    /// <summary>libtorch threads.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The device for trials whose device is auto.</summary>
    public string? Device { get; init; }

    /// <summary>The `sweep run` process that started this worker; the worker stops when it dies.</summary>
    public int? ParentProcessId { get; init; }

    /// <inheritdoc />
    public override IEnumerable<string> Validate()
    {
        if (Threads < 1)
            yield return $"threads = {Threads}: must be at least 1.";
        if (Device is not null && (Device == "auto" || !TrainerOptionsValidator.IsDevice(Device)))
            yield return $"device = '{Device}': must be cpu, cuda or cuda:N.";
    }
}

/// <summary><c>sweep worker SWEEP</c>: claims and trains a sweep's trials until none is left. `sweep run` starts these.</summary>
public sealed class WorkerCommand : SweepCommand<WorkerSettings>
{
    private readonly Argument<string> sweep = new("sweep") { Description = "The sweep's name." };
    private readonly Option<string?> store = CommonOptions.Store();
    private readonly Option<int> threads = new("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };
    private readonly Option<string?> device = new("--device") { Description = "Device for trials whose device is auto (cpu, cuda:N)." };
    private readonly Option<int?> parentProcessId = new("--parent-pid") { Description = "Stop (checkpointing) when this process dies.", Hidden = true };

    /// <inheritdoc />
    public override string Name => "worker";

    /// <inheritdoc />
    public override string Description => "Claim and train a sweep's queued trials until none is left (sweep run and resume start these).";

    /// <inheritdoc />
    public override void Define(Command command)
    {
        command.Arguments.Add(sweep);
        foreach (var option in new Option[] { store, threads, device, parentProcessId })
            command.Options.Add(option);
    }

    /// <inheritdoc />
    public override WorkerSettings Bind(ParseResult parse) => new()
    {
        Sweep = parse.GetValue(sweep)!,
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
        var id = LocalWorkerId.Of(Environment.ProcessId);
        var device = settings.Device is null ? null : new Device(settings.Device);
        new TrialWorker(settings.Store, settings.Sweep, id, device, context.Error).Run(context.Cancellation);
        return context.Cancellation.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
    }
}
