using Silo.Trials;
using Gan.Core.Data;
using Coordinator.Cli;
using Coordinator.Results;
using Coordinator.Cluster;
using Silo.Hosting;
using Silo.Slots;
using Silo.Search;
using Silo.Stores;
using Coordinator.Sweeps;
using Gan.Core;
using Gan.Core.Evaluation;
using Gan.Core.Training;
using static TorchSharp.torch;

namespace Coordinator.Commands;

/// <summary>What <c>sweep run</c> and <c>sweep resume</c> share: checking, running the workers, the table and the exit code at the end.</summary>
internal static class SweepExecution
{
    /// <summary>
    /// Checks what can be checked before anything is stored or started: every dataset the trials
    /// use loads, and every device they name exists here.
    /// </summary>
    /// <exception cref="UserInputException">A dataset or device problem, naming <paramref name="source"/>.</exception>
    public static void CheckInputs(IEnumerable<TrialConfig> trials, EvaluationResources resources, string source)
    {
        foreach (var options in trials.Select(t => t.Options).DistinctBy(o => (o.DatasetSpec, o.Device)))
        {
            try
            {
                resources.TrainingSet(options);
                Gan.Core.Runtime.Devices.Resolve(options.Device);
            }
            catch (GanException e)
            {
                throw new UserInputException($"{source}: {e.Message.TrimEnd('.')}. Fix it and run again; nothing was started.");
            }
        }
    }

    /// <summary>The worker plan for this machine.</summary>
    /// <exception cref="UserInputException">More workers were asked for than this machine runs usefully.</exception>
    public static WorkerPlan Plan(LocalWorkers local)
    {
        var gpus = cuda.device_count();
        WorkerPlanSettings.CheckCount(local.Workers, gpus);
        return WorkerPlan.Default(local.Workers, local.Threads, gpus);
    }

    /// <summary>
    /// Runs the sweep's queued trials on the cluster, following it live, then prints its results
    /// table and returns the exit code. On a SQLite store the cluster is this process's own silo,
    /// and Ctrl-C stops the sweep (its trials checkpoint); on a cluster's store, Ctrl-C only
    /// detaches this client, and the sweep goes on.
    /// </summary>
    public static int Run(ISweepStore store, StoreLocation location, string sweep, WorkerPlan plan, EvaluationResources resources, CommandContext context)
    {
        var trials = store.Trials(sweep);
        var queued = trials.Where(t => t.Status == TrialStates.Queued).ToList();
        // A Bayesian sweep may have none queued and still propose more.
        var runnable = queued.Count + SweepSearch.Remaining(store, store.FindSweep(sweep)!);
        if (runnable == 0)
        {
            // Another `sweep run` or `resume` on the same SQLite file may hold the rest: not this process's to wait for.
            if (trials.Count(t => t.Status == TrialStates.Running) is > 0 and var elsewhere)
            {
                context.Out.WriteLine($"Nothing to run here: {elsewhere} trial{(elsewhere == 1 ? " of the sweep is" : "s of the sweep are")} running elsewhere (another sweep process on this store, or a silo). 'sweep show {sweep}' shows them.");
                return ExitCodes.Ok;
            }
            context.Out.WriteLine("Nothing to run: every trial has ended.");
            PrintTable(store, sweep, context);
            return Outcome(trials, sweep, context);
        }
        var embedded = !location.Shared;
        try
        {
            // Slots start together; train each dataset's classifier once, here, rather than in every trainer.
            if (embedded)
            {
                foreach (var spec in queued.Select(t => t.Config.Options).Where(o => DatasetCatalog.ImageNames.Contains(o.Dataset)).Select(o => o.DatasetSpec).Distinct())
                    resources.Classifier(spec, CPU);
            }
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine($"Interrupted before any trial started. Continue with 'sweep resume {sweep}'.");
            return ExitCodes.Interrupted;
        }
        return embedded
            ? Blocking.Run(() => RunHere(store, location, sweep, plan with { Workers = Math.Min(plan.Workers, runnable) }, context))
            : Blocking.Run(() => RunOnCluster(store, location, sweep, context));
    }

    private static async Task<int> RunHere(ISweepStore store, StoreLocation location, string sweep, WorkerPlan plan, CommandContext context)
    {
        context.Out.WriteLine($"Running on {plan.Workers} worker{(plan.Workers == 1 ? "" : "s")} × {plan.ThreadsPerWorker} thread{(plan.ThreadsPerWorker == 1 ? "" : "s")}; Ctrl-C checkpoints and stops (then 'sweep resume {sweep}').");
        await using var cluster = await ClusterSession.StartEmbedded(location, plan, context.Error, CancellationToken.None);
        await cluster.Start(sweep, context.Cancellation);
        var view = new ProgressView(store, sweep, context.Out);
        var follower = new SweepFollower(cluster, sweep, view);
        var finished = await follower.Follow(context.Cancellation);
        if (!finished)
        {
            // Ctrl-C, or no trainer would start: stop the sweep and wait for its trials to checkpoint.
            await cluster.Cancel(sweep, CancellationToken.None);
            await follower.Follow(CancellationToken.None);
        }
        view.Finish();
        PrintTable(store, sweep, context);
        if (finished)
            return Ended(store, sweep, context, $"Resume it with '{SweepLogging.Variable}=error sweep resume {sweep}' to see why.");
        if (cluster.Slots!.Stalled)
        {
            context.Error.WriteLine($"No worker process would start (see above); the queued trials wait for 'sweep resume {sweep}'.");
            return ExitCodes.Failure;
        }
        context.Error.WriteLine($"Interrupted: running trials checkpointed. Continue with 'sweep resume {sweep}'.");
        return ExitCodes.Interrupted;
    }

    private static async Task<int> RunOnCluster(ISweepStore store, StoreLocation location, string sweep, CommandContext context)
    {
        ClusterSession cluster;
        try
        {
            cluster = await ClusterSession.Connect(location, context.Cancellation);
        }
        catch (UserInputException e)
        {
            throw new UserInputException($"{e.Message} Sweep {sweep} is stored: start it then with 'sweep resume {sweep} --store {location}'.");
        }
        await using var session = cluster;
        var silos = await cluster.Silos(context.Cancellation);
        await cluster.Start(sweep, context.Cancellation);
        context.Out.WriteLine($"Running on the cluster: {silos.Count} silo{(silos.Count == 1 ? "" : "s")}, {silos.Sum(s => s.Slots.Count)} slots; Ctrl-C detaches, and the sweep goes on.");
        var view = new ProgressView(store, sweep, context.Out);
        var finished = await new SweepFollower(cluster, sweep, view).Follow(context.Cancellation);
        view.Finish();
        if (!finished)
        {
            context.Error.WriteLine(Detached(sweep, location));
            return ExitCodes.Interrupted;
        }
        PrintTable(store, sweep, context);
        return Ended(store, sweep, context, "The scheduler's silo logged why.");
    }

    /// <summary>The most rows the table at the end of a run shows: a sweep of thousands would take its user's terminal, and its Ctrl-C, for half a minute.</summary>
    public const int TableRows = 25;

    /// <summary>Prints the best <see cref="TableRows"/> rows of the sweep's results table, and how to see the rest.</summary>
    private static void PrintTable(ISweepStore store, string sweep, CommandContext context)
    {
        var table = ResultsTable.Build(store, sweep, top: TableRows);
        ResultsWriter.Write(table, ResultsFormat.Table, context.Out);
        if (table.Trials > table.Rows.Count)
            context.Out.WriteLine($"The best {table.Rows.Count} of {table.Trials} trials. 'sweep show {sweep}' lists them all (--top N, --sort COLUMN, --format csv or json).");
    }

    /// <summary>What a client says when Ctrl-C detaches it from a sweep that goes on.</summary>
    public static string Detached(string sweep, StoreLocation location) =>
        $"Detached: sweep {sweep} goes on in the cluster. Follow it with 'sweep watch {sweep} --store {location}'; stop it with 'sweep cancel {sweep} --store {location}'.";

    /// <summary>
    /// The exit code of a sweep that ended: <see cref="Outcome"/>, or 1 when a Bayesian sweep ended
    /// short of run_cap because its search failed, with <paramref name="why"/> saying where to look.
    /// A search space that cannot be read at all throws, naming the sweep.
    /// </summary>
    private static int Ended(ISweepStore store, string sweep, CommandContext context, string why)
    {
        var trials = store.Trials(sweep);
        var outcome = Outcome(trials, sweep, context);
        var missing = SweepSearch.Remaining(store, store.FindSweep(sweep)!);
        if (outcome != ExitCodes.Ok || missing == 0)
            return outcome;
        context.Error.WriteLine($"Sweep {sweep} ended after {trials.Count} trials: its search failed to propose the other {missing}. {why}");
        return ExitCodes.Failure;
    }

    /// <summary>0 when every trial ended on purpose (<see cref="TrialStates.EndedOnPurpose"/>); else 3, saying how to retry.</summary>
    public static int Outcome(IReadOnlyList<TrialRecord> trials, string sweep, CommandContext context)
    {
        var unfinished = trials.Where(t => !TrialStates.EndedOnPurpose(t.Status)).ToList();
        if (unfinished.Count == 0)
            return ExitCodes.Ok;
        var counts = string.Join(", ", unfinished.GroupBy(t => t.Status).Select(g => $"{g.Count()} {g.Key}"));
        context.Error.WriteLine($"{unfinished.Count} of {trials.Count} trials did not complete ({counts}). " +
                                $"Retry them with 'sweep resume {sweep} --failed'; 'sweep trial ID' shows why one failed.");
        return ExitCodes.TrialsFailed;
    }
}
