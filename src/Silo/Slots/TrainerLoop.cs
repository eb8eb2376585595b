using Gan.Core.Training;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Gan.Core.Evaluation;
using Silo.Stores;
using Silo.Telemetry;
using static TorchSharp.torch;

namespace Silo.Slots;

/// <summary>
/// What a trainer process (<see cref="TrainerMain"/>) does: trains the claims its slot runner sends, one at
/// a time, and says when each has ended (<see cref="TrainerProtocol"/>). SIGINT and SIGHUP stop
/// the trial as interrupted, as Ctrl-C does; SIGTERM, the end of input (the runner died) and a
/// "handback" line checkpoint it and queue it again for another slot.
/// </summary>
public sealed class TrainerLoop(StoreLocation location, Device? device, TextReader commands, TextWriter replies, TextWriter log)
{
    private static readonly TimeSpan StepReportEvery = TimeSpan.FromSeconds(1);
    private readonly BlockingCollection<TrialClaim> claims = [];
    private readonly Lock gate = new();
    private TrialStop? current;
    // Set once the loop is to quit: whether trials still to start go back to the queue or end interrupted.
    private bool? quitting;
    private bool signalled;

    /// <summary>Runs until told to stop; true if a signal stopped it.</summary>
    public bool Run(CancellationToken cancellation)
    {
        void OnSignal(PosixSignalContext signal, bool handBack)
        {
            // Cancelled, the signal leaves the exit to this loop; otherwise .NET would end the
            // process at once, mid-step, with the trial still marked running.
            signal.Cancel = true;
            Stop(handBack, quit: true, signal: true);
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, s => OnSignal(s, handBack: false));
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, s => OnSignal(s, handBack: false));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, s => OnSignal(s, handBack: true));
        using var store = SweepStoreFactory.Open(location);
        using var heartbeats = SweepStoreFactory.Open(location);
        using var resources = new EvaluationResources(Classifier.DefaultCacheDirectory, log.WriteLine, cancellation);
        var worker = new TrialWorker(store, heartbeats, resources, device, log);
        new Thread(ReadCommands) { IsBackground = true, Name = "trainer commands" }.Start();
        foreach (var claim in claims.GetConsumingEnumerable())
        {
            var trial = store.Trial(claim.TrialId);
            // A claim taken over while it waited here is another attempt's now.
            var outcome = trial is not null && trial.Claim == claim ? Train(worker, trial) : TrainerProtocol.Lost;
            Reply(TrainerProtocol.EndedLine(claim.TrialId, outcome));
        }
        lock (gate)
            return signalled;
    }

    private string Train(TrialWorker worker, TrialRecord trial)
    {
        using var stop = new TrialStop();
        lock (gate)
        {
            if (quitting is { } handBack)
                stop.Request(handBack);
            current = stop;
        }
        // The slot runner's steps/s gauge needs a step now and then, not each one logged.
        var reported = DateTime.MinValue;
        var outcome = worker.Run(trial, stop, step =>
        {
            if (DateTime.UtcNow - reported < StepReportEvery)
                return;
            reported = DateTime.UtcNow;
            Reply(TrainerProtocol.StepLine(trial.Id, step));
        });
        lock (gate)
            current = null;
        return outcome;
    }

    private void Reply(string line)
    {
        replies.WriteLine(line);
        replies.Flush();
    }

    private void ReadCommands()
    {
        while (commands.ReadLine() is { } line)
        {
            if (TrainerProtocol.ParseTrain(line) is { } claim)
            {
                DispatchTrace.Mark(claim.TrialId, "received");
                claims.TryAdd(claim);
            }
            else if (line == TrainerProtocol.Interrupt)
                Stop(handBack: false, quit: false, signal: false);
            else if (line == TrainerProtocol.HandBack)
                Stop(handBack: true, quit: true, signal: false);
        }
        Stop(handBack: true, quit: true, signal: false);
    }

    private void Stop(bool handBack, bool quit, bool signal)
    {
        lock (gate)
        {
            current?.Request(handBack);
            signalled |= signal;
            if (!quit)
                return;
            quitting = quitting == true || handBack;
            if (!claims.IsAddingCompleted)
                claims.CompleteAdding();
        }
    }
}
