using Silo.Stores;
using Silo.Trials;
using Gan.Core;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;
using static TorchSharp.torch;

namespace Silo.Scheduling;

/// <summary>
/// Claims a sweep's trials one at a time from the store and trains each, resuming from its
/// checkpoint if it has one. A trial that fails or diverges is recorded and the worker moves
/// on; cancellation interrupts the current trial (which checkpoints) and stops.
/// </summary>
public sealed class TrialWorker(StoreLocation location, string sweep, string workerId, Device? device, TextWriter log)
{
    /// <summary>How long a claim holds without a heartbeat; after that another worker may take the trial.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);

    /// <summary>Trains trials until none is left or <paramref name="cancellation"/> fires; returns how many it ran.</summary>
    public int Run(CancellationToken cancellation)
    {
        using var store = SweepStoreFactory.Open(location);
        using var resources = new EvaluationResources(Classifier.DefaultCacheDirectory, log.WriteLine, cancellation);
        var count = 0;
        while (!cancellation.IsCancellationRequested && store.Claim(sweep, workerId, Lease) is { } trial)
        {
            RunTrial(store, resources, trial, cancellation);
            count++;
        }
        return count;
    }

    private void RunTrial(ISweepStore store, EvaluationResources resources, TrialRecord trial, CancellationToken cancellation)
    {
        var claim = trial.Claim!;
        var progress = new Progress();
        using var heartbeat = new Heartbeat(location, claim, progress, log);
        try
        {
            var options = trial.Config.Options;
            if (device is { } assigned && options.Device == "auto")
                options = options with { Device = assigned.ToString() };
            var trainDevice = Trainer.ResolveDevice(options.Device);
            var train = resources.TrainingSet(options);
            var evaluator = resources.EvaluatorFor(options, trainDevice);
            using var trainer = new Trainer(options, train, new StoreSink(store, claim), evaluator, record => progress.Step = record.Step);
            progress.TotalSteps = trainer.TotalSteps;
            heartbeat.Beat();
            var checkpoint = store.Artifact(trial.Id, ArtifactKind.Checkpoint)?.Bytes;
            var result = trainer.Run(cancellation, checkpoint);
            progress.Step = result.Step;
            heartbeat.Stop();
            store.Heartbeat(claim, Lease, result.Step, trainer.TotalSteps);
            store.Finish(claim, TrialStates.Of(result.Status), result.Flags, result.Message);
        }
        catch (OperationCanceledException)
        {
            // Stopped before training began (while its classifier was being trained): nothing to checkpoint.
            heartbeat.Stop();
            store.Finish(claim, TrialStates.Interrupted, HealthFlags.None, null);
        }
        catch (StoreException e) when (e.Code == StoreErrorCode.LostClaim)
        {
            // Another worker holds the trial now and writes its results; this attempt only stops.
            heartbeat.Stop();
            log.WriteLine($"trial {trial.Index}: {e.Message}");
        }
        catch (Exception e)
        {
            heartbeat.Stop();
            var message = e is GanException { Code: GanErrorCode.OutdatedCheckpoint }
                ? $"{e.Message} Retrain it with 'sweep resume {trial.Sweep} --failed --from-start'."
                : e.Message;
            store.Finish(claim, TrialStates.Failed, HealthFlags.None, message);
            log.WriteLine($"trial {trial.Index} failed: {message}");
        }
    }

    private sealed class Progress
    {
        private long step;
        private long totalSteps;

        public long Step { get => Interlocked.Read(ref step); set => Interlocked.Exchange(ref step, value); }

        public long TotalSteps { get => Interlocked.Read(ref totalSteps); set => Interlocked.Exchange(ref totalSteps, value); }
    }

    /// <summary>Renews the lease on a timer thread, through a connection of its own (connections are not thread-safe).</summary>
    private sealed class Heartbeat : IDisposable
    {
        private readonly ISweepStore store;
        private readonly Timer timer;
        private readonly object gate = new();
        private readonly TrialClaim claim;
        private readonly Progress progress;
        private readonly TextWriter log;
        private bool stopped;

        public Heartbeat(StoreLocation location, TrialClaim claim, Progress progress, TextWriter log)
        {
            store = SweepStoreFactory.Open(location);
            this.claim = claim;
            this.progress = progress;
            this.log = log;
            timer = new Timer(_ => Beat(), null, TimeSpan.Zero, HeartbeatInterval);
        }

        public void Beat()
        {
            lock (gate)
            {
                if (stopped)
                    return;
                try
                {
                    store.Heartbeat(claim, Lease, progress.Step, progress.TotalSteps);
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
            Stop();
            timer.Dispose();
            store.Dispose();
        }
    }
}
