using Silo.Search;
using Silo.Stores;
using Silo.Telemetry;
using Silo.Trials;
using Gan.Core;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;
using static TorchSharp.torch;

namespace Silo.Slots;

/// <summary>
/// Trains one claimed trial, resuming from its checkpoint if it has one (or else from its parent's,
/// a population member's last stretch), and records how it ended under its claim. A stop request
/// interrupts training, which checkpoints; the trial then ends as interrupted, or goes back to the
/// queue when the request hands it back.
/// </summary>
/// <param name="store">Where the trial is read and recorded.</param>
/// <param name="heartbeats">
/// A connection of its own for the lease's renewals, which a timer thread makes (connections are
/// not thread-safe). Opened once for all the trials: opening a store for each cost a one-step
/// trial on PostgreSQL a third of its time (a new pool, so a new connection).
/// </param>
/// <param name="resources">The datasets and evaluators, loaded once for every trial.</param>
/// <param name="device">The slot's device, for trials on "auto".</param>
/// <param name="log">Where warnings go.</param>
public sealed class TrialWorker(ISweepStore store, ISweepStore heartbeats, EvaluationResources resources, Device? device, TextWriter log)
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);

    // The first renewal reports the trial's total steps to progress displays; a trial shorter than
    // this records its steps with its end instead, without a commit of its own.
    private static readonly TimeSpan FirstHeartbeat = TimeSpan.FromSeconds(1);

    /// <summary>Trains the trial <paramref name="trial"/> under its current claim until it ends or <paramref name="stop"/> asks.</summary>
    /// <param name="trial">The trial.</param>
    /// <param name="stop">Asks it to stop.</param>
    /// <param name="stepped">Told each step the trainer logs.</param>
    /// <returns>How it ended: its trial state, <see cref="TrainerProtocol.HandedBack"/> or <see cref="TrainerProtocol.Lost"/>.</returns>
    public string Run(TrialRecord trial, TrialStop stop, Action<long> stepped)
    {
        var claim = trial.Claim!;
        var sink = new StoreSink(store, claim);
        if (stop.Token.IsCancellationRequested)
        {
            // Stopped while it waited to start: it ends (or goes back) untouched.
            return End(trial, stop, sink, new TrialEnd(TrialStates.Interrupted, HealthFlags.None, null));
        }
        var progress = new Progress();
        using var heartbeat = new Heartbeat(heartbeats, claim, progress, log);
        try
        {
            var options = trial.Config.Options;
            if (device is { } assigned && options.Device == "auto")
                options = options with { Device = assigned.ToString() };
            var trainDevice = Gan.Core.Runtime.Devices.Resolve(options.Device);
            var train = resources.TrainingSet(options);
            var evaluator = resources.EvaluatorFor(options, trainDevice);
            var sweep = store.FindSweep(trial.Sweep);
            var keep = sweep is not null && SweepSearch.KeepsCheckpoint(sweep, trial);
            using var trainer = new Trainer(options, train, sink, evaluator, record =>
            {
                progress.Step = record.Step;
                stepped(record.Step);
            },
                resources.QuickEvaluatorFor(options, trainDevice), EarlyStoppingFor(sweep, trial)) { LastCheckpoint = keep };
            progress.TotalSteps = trainer.TotalSteps;
            var from = StartingPoint(trial);
            var checkpoint = from is null ? null : store.Artifact(from.Value, ArtifactKind.Checkpoint)?.Bytes;
            var best = checkpoint is null ? null : store.Artifact(from!.Value, ArtifactKind.BestGenerator)?.Bytes;
            DispatchTrace.Mark(trial.Id, "built");
            var result = trainer.Run(stop.Token, checkpoint, best);
            DispatchTrace.Mark(trial.Id, "trained");
            progress.Step = result.Step;
            heartbeat.Stop();
            sink.Reached(new TrialProgress(result.Step, trainer.TotalSteps));
            return End(trial, stop, sink, new TrialEnd(TrialStates.Of(result.Status), result.Flags, result.Message, keep));
        }
        catch (OperationCanceledException)
        {
            // Stopped before training began (while its classifier was being trained): nothing to checkpoint.
            heartbeat.Stop();
            return End(trial, stop, sink, new TrialEnd(TrialStates.Interrupted, HealthFlags.None, null));
        }
        catch (StoreException e) when (e.Code == StoreErrorCode.LostClaim)
        {
            // Another worker holds the trial now and writes its results; this attempt only stops.
            heartbeat.Stop();
            log.WriteLine($"trial {trial.Index}: {e.Message}");
            return TrainerProtocol.Lost;
        }
        catch (Exception e)
        {
            heartbeat.Stop();
            var message = e is GanException { Code: GanErrorCode.OutdatedCheckpoint }
                ? $"{e.Message} Retrain it with 'sweep resume {trial.Sweep} --failed --from-start'."
                : e.Message;
            var failed = new TrialEnd(TrialStates.Failed, HealthFlags.None, message);
            try
            {
                // What the trainer made before it failed (say, in its evaluation) goes with the end.
                sink.End(failed);
            }
            catch (StoreException)
            {
                // Storing those may be what failed (the group that failed is not among them): the end alone.
                store.Finish(claim, failed.Status, failed.Flags, failed.Error);
            }
            log.WriteLine($"trial {trial.Index} failed: {message}");
            return TrialStates.Failed;
        }
    }

    /// <summary>
    /// The trial whose checkpoint this one goes on from: its own, once it has one; else its parent's,
    /// which must be there, for a stretch of a population member trained from scratch would be
    /// scored against members that trained for longer; else none.
    /// </summary>
    /// <exception cref="StoreException">The parent's checkpoint is gone.</exception>
    private long? StartingPoint(TrialRecord trial)
    {
        bool HasCheckpoint(long id) => store.ArtifactEpochs(id, ArtifactKind.Checkpoint).Count > 0;
        // A first attempt has no checkpoint of its own: no earlier attempt wrote one.
        if (trial.Attempts > 1 && HasCheckpoint(trial.Id))
            return trial.Id;
        if (trial.Parent is not { } parent)
            return null;
        return HasCheckpoint(parent) ? parent
            : throw new StoreException(StoreErrorCode.NotFound, $"Trial {trial.Id} goes on from trial {parent}'s checkpoint, which is no longer in the store.");
    }

    /// <summary>The sweep's early-termination rules and budget for this trial, or null when the sweep has neither.</summary>
    private SweepEarlyStopping? EarlyStoppingFor(StoredSweep? sweep, TrialRecord trial)
    {
        if (sweep is null || (sweep.EarlyTermination is null && sweep.Budget is null))
            return null;
        var rules = sweep.EarlyTermination is { } json ? EarlyTermination.FromJson(json) : EarlyTermination.None;
        return new SweepEarlyStopping(rules, store, trial, store.Metrics(trial.Id), SweepLimits.Deadline(sweep, store));
    }

    /// <summary>
    /// Records the end with the writes the trainer left open, and returns it; an interruption that
    /// hands the trial back stores those and queues it again instead, however many attempts it took.
    /// </summary>
    private string End(TrialRecord trial, TrialStop stop, StoreSink sink, TrialEnd end)
    {
        try
        {
            if (end.Status == TrialStates.Interrupted && stop.HandBack)
            {
                sink.Commit();
                store.Release(trial.Claim!, int.MaxValue, "handed back");
                return TrainerProtocol.HandedBack;
            }
            sink.End(end);
        }
        catch (StoreException e) when (e.Code == StoreErrorCode.LostClaim)
        {
            // Another worker holds the trial now; this attempt's last writes and its end were refused.
            log.WriteLine($"trial {trial.Index}: {e.Message}");
            return TrainerProtocol.Lost;
        }
        DispatchTrace.Mark(trial.Id, "finished");
        return end.Status;
    }

    private sealed class Progress
    {
        private long step;
        private long totalSteps;

        public long Step { get => Interlocked.Read(ref step); set => Interlocked.Exchange(ref step, value); }

        public long TotalSteps { get => Interlocked.Read(ref totalSteps); set => Interlocked.Exchange(ref totalSteps, value); }
    }

    /// <summary>Renews the lease on a timer thread, through the worker's heartbeat connection.</summary>
    private sealed class Heartbeat : IDisposable
    {
        private readonly ISweepStore store;
        private readonly Timer timer;
        private readonly object gate = new();
        private readonly TrialClaim claim;
        private readonly Progress progress;
        private readonly TextWriter log;
        private bool stopped;

        public Heartbeat(ISweepStore store, TrialClaim claim, Progress progress, TextWriter log)
        {
            this.store = store;
            this.claim = claim;
            this.progress = progress;
            this.log = log;
            // The claim has just taken the lease.
            timer = new Timer(_ => Beat(), null, FirstHeartbeat, HeartbeatInterval);
        }

        private void Beat()
        {
            lock (gate)
            {
                if (stopped)
                    return;
                try
                {
                    store.Heartbeat(claim, TrialAttempts.Lease, progress.Step, progress.TotalSteps);
                }
                catch (Exception e)
                {
                    // A missed heartbeat only shortens the lease; the next one may succeed.
                    log.WriteLine($"heartbeat failed: {e.Message}");
                }
            }
        }

        public void Stop()
        {
            lock (gate)
                stopped = true;
        }

        public void Dispose()
        {
            // Once stopped (under the gate a renewal holds), no renewal touches the connection again,
            // so the next trial's heartbeat may use it.
            Stop();
            timer.Dispose();
        }
    }
}
