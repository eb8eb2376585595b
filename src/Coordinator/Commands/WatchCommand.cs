using System.CommandLine;
using Coordinator.Cli;
using Coordinator.Cluster;
using Coordinator.Results;
using Silo.Stores;

namespace Coordinator.Commands;

/// <summary>Settings of <c>sweep watch</c>.</summary>
public sealed class WatchSettings : ClusterSweepSettings
{
    /// <inheritdoc />
    protected override string Command => "watch";
}

/// <summary><c>sweep watch NAME</c>: follows a sweep running on the cluster, as `sweep run` does, until it ends; Ctrl-C only stops watching.</summary>
public sealed class WatchCommand : SweepCommand<WatchSettings>
{
    private readonly Argument<string> sweep = new("sweep") { Description = "The sweep's name." };
    private readonly Option<string?> store = CommonOptions.Store();

    /// <inheritdoc />
    public override string Name => "watch";

    /// <inheritdoc />
    public override string Description => "Follow a sweep running on the cluster until it ends, then print its results (Ctrl-C stops watching, not the sweep).";

    /// <inheritdoc />
    public override void Define(Command command)
    {
        command.Arguments.Add(sweep);
        command.Options.Add(store);
    }

    /// <inheritdoc />
    public override WatchSettings Bind(ParseResult parse) => new() { Sweep = parse.GetValue(sweep)!, Store = StoreLocation.Resolve(parse.GetValue(store)) };

    /// <inheritdoc />
    public override int Execute(WatchSettings settings, CommandContext context) => Blocking.Run(() => Watch(settings, context));

    private static async Task<int> Watch(WatchSettings settings, CommandContext context)
    {
        using var reader = SweepStoreFactory.OpenReadOnly(settings.Store);
        settings.Find(reader);
        await using var cluster = await ClusterSession.Connect(settings.Store, context.Cancellation);
        var view = new ProgressView(reader, context.Out);
        var settled = await new SweepFollower(cluster, reader, settings.Sweep, view).Follow(context.Cancellation);
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
