using Coordinator.Cli;
using Coordinator.Cluster;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary><c>sweep cancel NAME</c>: stops a sweep on the cluster; its running trials checkpoint, and `sweep resume` continues it.</summary>
public sealed class CancelCommand() : ClusterSweepCommand("cancel", "Stop a sweep running on the cluster: no trial starts again, running ones checkpoint ('sweep resume' continues it).")
{
    /// <inheritdoc />
    protected override async Task<int> Act(ClusterSweepSettings settings, ISweepReader reader, ClusterSession cluster, CommandContext context)
    {
        var state = await cluster.Cancel(settings.Sweep, context.Cancellation);
        context.Out.WriteLine($"Cancelling sweep {settings.Sweep}: {state.Count(TrialStates.Running)} running trial(s) checkpoint and stop.");
        // Wait for the running trials to record their stop, so that what follows sees them interrupted.
        while (!state.Settled && !context.Cancellation.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            state = await cluster.State(settings.Sweep, context.Cancellation);
        }
        context.Out.WriteLine($"Sweep {settings.Sweep} cancelled: {string.Join(", ", state.Counts.OrderBy(c => TrialStates.All.ToList().IndexOf(c.Key)).Select(c => $"{c.Value} {c.Key}"))}. Continue it with 'sweep resume {settings.Sweep} --store {settings.Store}'.");
        return ExitCodes.Ok;
    }
}
