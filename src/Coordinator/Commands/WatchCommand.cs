using Coordinator.Cli;
using Coordinator.Cluster;
using Coordinator.Results;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary><c>sweep watch NAME</c>: follows a sweep running on the cluster, as `sweep run` does, until it ends; Ctrl-C only stops watching.</summary>
public sealed class WatchCommand() : ClusterSweepCommand("watch", "Follow a sweep running on the cluster until it ends, then print its results (Ctrl-C stops watching, not the sweep).")
{
    /// <inheritdoc />
    protected override async Task<int> Act(ClusterSweepSettings settings, ISweepReader reader, ClusterSession cluster, CommandContext context)
    {
        var view = new ProgressView(reader, settings.Sweep, context.Out);
        var settled = await new SweepFollower(cluster, settings.Sweep, view).Follow(context.Cancellation);
        view.Finish();
        if (!settled)
        {
            context.Error.WriteLine(SweepExecution.Detached(settings.Sweep, settings.Store));
            return ExitCodes.Interrupted;
        }
        ResultsWriter.Write(ResultsTable.Build(reader, settings.Sweep), ResultsFormat.Table, context.Out);
        return SweepExecution.Outcome(reader.Trials(settings.Sweep), settings.Sweep, context);
    }
}
