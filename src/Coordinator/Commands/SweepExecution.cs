using Coordinator.Cli;
using Coordinator.Results;
using Coordinator.Scheduling;
using Coordinator.Store;
using Coordinator.Sweeps;
using Torch;

namespace Coordinator.Commands;

/// <summary>What <c>sweep run</c> and <c>sweep resume</c> share: preparing, running the workers, and the table at the end.</summary>
internal static class SweepExecution
{
    /// <summary>Runs the sweep's queued trials and prints its results table; returns the exit code.</summary>
    public static int Run(ISweepStore store, string databasePath, string sweep, WorkerPlan plan, CommandContext context)
    {
        if (store.Trials(sweep).All(t => t.Status != TrialStates.Queued))
        {
            context.Out.WriteLine("Nothing to run: every trial has ended.");
            ResultsWriter.Write(ResultsTable.Build(store, sweep), ResultsFormat.Table, context.Out);
            return ExitCodes.Ok;
        }
        PrepareClassifiers(store.Trials(sweep), context);
        context.Out.WriteLine($"Running on {plan.Workers} worker{(plan.Workers == 1 ? "" : "s")} × {plan.ThreadsPerWorker} thread{(plan.ThreadsPerWorker == 1 ? "" : "s")}; Ctrl-C checkpoints and stops (then 'sweep resume {sweep}').");
        var finished = new LocalRunner(databasePath, sweep, plan, new ProgressView(store, context.Out), context.Error).Run(context.Cancellation);
        ResultsWriter.Write(ResultsTable.Build(store, sweep), ResultsFormat.Table, context.Out);
        if (finished)
            return ExitCodes.Ok;
        context.Error.WriteLine($"Interrupted: running trials checkpointed. Continue with 'sweep resume {sweep}'.");
        return ExitCodes.Interrupted;
    }

    /// <summary>The worker plan for this machine.</summary>
    public static WorkerPlan Plan(int? workers, int? threads) => WorkerPlan.Default(workers, threads, torch.cuda.device_count());

    // Workers start together; train each dataset's classifier once, here, rather than in every worker.
    private static void PrepareClassifiers(IReadOnlyList<TrialRecord> trials, CommandContext context)
    {
        using var resources = new EvaluationResources(Gan.Core.Evaluation.Classifier.DefaultCacheDirectory, context.Out.WriteLine);
        foreach (var options in trials.Where(t => t.Status == TrialStates.Queued).Select(t => TrialOption.ToTrainerOptions(t.Config)).DistinctBy(o => (o.Dataset, o.DataDir)))
            resources.Classifier(options.Dataset, options.DataDir, Device.CPU);
    }
}
