using Silo.Trials;
using Gan.Core.Data;
using Coordinator.Cli;
using Coordinator.Results;
using Silo.Scheduling;
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
        foreach (var options in trials.Select(t => t.Options).DistinctBy(o => (o.Dataset, o.DataDir, o.Device)))
        {
            try
            {
                resources.TrainingSet(options);
                Trainer.ResolveDevice(options.Device);
            }
            catch (GanException e)
            {
                throw new UserInputException($"{source}: {e.Message.TrimEnd('.')}. Fix it and run again; nothing was started.");
            }
        }
    }

    /// <summary>The worker plan for this machine.</summary>
    /// <exception cref="UserInputException">More workers were asked for than this machine runs usefully.</exception>
    public static WorkerPlan Plan(int? workers, int? threads)
    {
        var gpus = cuda.device_count();
        var most = WorkerPlan.MaxWorkers(gpus);
        if (workers > most)
            throw new UserInputException(
                $"workers = {workers}: at most {most} on this machine ({(gpus > 0 ? $"{WorkerPlan.WorkersPerGpu} per GPU" : "one per core")}, " +
                $"and {WorkerPlan.BytesPerWorker >> 20} MB of memory each).");
        return WorkerPlan.Default(workers, threads, gpus);
    }

    /// <summary>Runs the sweep's queued trials, prints its results table and returns the exit code.</summary>
    public static int Run(ISweepStore store, StoreLocation location, string sweep, WorkerPlan plan, EvaluationResources resources, CommandContext context)
    {
        var trials = store.Trials(sweep);
        var queued = trials.Where(t => t.Status == TrialStates.Queued).ToList();
        if (queued.Count == 0)
        {
            context.Out.WriteLine("Nothing to run: every trial has ended.");
            ResultsWriter.Write(ResultsTable.Build(store, sweep), ResultsFormat.Table, context.Out);
            return Outcome(trials, sweep, context);
        }
        try
        {
            // Workers start together; train each dataset's classifier once, here, rather than in every worker.
            foreach (var options in queued.Select(t => t.Config.Options).Where(o => DatasetCatalog.ImageNames.Contains(o.Dataset)).DistinctBy(o => (o.Dataset, o.DataDir)))
                resources.Classifier(options.Dataset, options.DataDir, CPU);
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine($"Interrupted before any trial started. Continue with 'sweep resume {sweep}'.");
            return ExitCodes.Interrupted;
        }
        var workers = Math.Min(plan.Workers, queued.Count);
        context.Out.WriteLine($"Running on {workers} worker{(workers == 1 ? "" : "s")} × {plan.ThreadsPerWorker} thread{(plan.ThreadsPerWorker == 1 ? "" : "s")}; Ctrl-C checkpoints and stops (then 'sweep resume {sweep}').");
        var finished = new LocalRunner(typeof(SweepExecution).Assembly.Location, location, sweep, plan with { Workers = workers }, new ProgressView(store, context.Out), context.Error).Run(context.Cancellation);
        ResultsWriter.Write(ResultsTable.Build(store, sweep), ResultsFormat.Table, context.Out);
        if (finished)
            return Outcome(store.Trials(sweep), sweep, context);
        context.Error.WriteLine($"Interrupted: running trials checkpointed. Continue with 'sweep resume {sweep}'.");
        return ExitCodes.Interrupted;
    }

    /// <summary>0 when every trial ended on purpose (completed, or diverged, which a sweep exists to find); else 3, saying how to retry.</summary>
    private static int Outcome(IReadOnlyList<TrialRecord> trials, string sweep, CommandContext context)
    {
        var unfinished = trials.Where(t => t.Status is not (TrialStates.Completed or TrialStates.Diverged)).ToList();
        if (unfinished.Count == 0)
            return ExitCodes.Ok;
        var counts = string.Join(", ", unfinished.GroupBy(t => t.Status).Select(g => $"{g.Count()} {g.Key}"));
        context.Error.WriteLine($"{unfinished.Count} of {trials.Count} trials did not complete ({counts}). " +
                                $"Retry them with 'sweep resume {sweep} --failed'; 'sweep trial ID' shows why one failed.");
        return ExitCodes.TrialsFailed;
    }
}
