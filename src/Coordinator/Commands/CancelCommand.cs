using System.CommandLine;
using Coordinator.Cli;
using Coordinator.Cluster;
using Silo.Grains;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep cancel</c>.</summary>
public sealed class CancelSettings : ClusterSweepSettings
{
    /// <inheritdoc />
    protected override string Command => "cancel";
}

/// <summary><c>sweep cancel NAME</c>: stops a sweep on the cluster; its running trials checkpoint, and `sweep resume` continues it.</summary>
public sealed class CancelCommand : SweepCommand<CancelSettings>
{
    private readonly Argument<string> sweep = new("sweep") { Description = "The sweep's name." };
    private readonly Option<string?> store = CommonOptions.Store();

    /// <inheritdoc />
    public override string Name => "cancel";

    /// <inheritdoc />
    public override string Description => "Stop a sweep running on the cluster: no trial starts again, running ones checkpoint ('sweep resume' continues it).";

    /// <inheritdoc />
    public override void Define(Command command)
    {
        command.Arguments.Add(sweep);
        command.Options.Add(store);
    }

    /// <inheritdoc />
    public override CancelSettings Bind(ParseResult parse) => new() { Sweep = parse.GetValue(sweep)!, Store = StoreLocation.Resolve(parse.GetValue(store)) };

    /// <inheritdoc />
    public override int Execute(CancelSettings settings, CommandContext context) => Blocking.Run(() => Cancel(settings, context));

    private static async Task<int> Cancel(CancelSettings settings, CommandContext context)
    {
        using var reader = SweepStoreFactory.OpenReadOnly(settings.Store);
        settings.Find(reader);
        await using var cluster = await ClusterSession.Connect(settings.Store, context.Cancellation);
        var grain = cluster.Client.GetGrain<ISweepGrain>(settings.Sweep);
        var state = await grain.Cancel();
        context.Out.WriteLine($"Cancelling sweep {settings.Sweep}: {state.Count(TrialStates.Running)} running trial(s) checkpoint and stop.");
        // Wait for the running trials to record their stop, so that what follows sees them interrupted.
        while (!state.Settled && !context.Cancellation.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            state = await grain.State();
        }
        context.Out.WriteLine($"Sweep {settings.Sweep} cancelled: {string.Join(", ", state.Counts.OrderBy(c => TrialStates.All.ToList().IndexOf(c.Key)).Select(c => $"{c.Value} {c.Key}"))}. Continue it with 'sweep resume {settings.Sweep} --store {settings.Store}'.");
        return ExitCodes.Ok;
    }
}
