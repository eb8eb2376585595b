using Gan.Core.Training;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Gan.Core.Evaluation;
using Silo.Stores;
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
        using var resources = new EvaluationResources(Classifier.DefaultCacheDirectory, log.WriteLine, cancellation);
        var worker = new TrialWorker(store, location, resources, device, log);
        new Thread(ReadCommands) { IsBackground = true, Name = "trainer commands" }.Start();
        foreach (var claim in claims.GetConsumingEnumerable())
        {
            var trial = store.Trial(claim.TrialId);
            // A claim taken over while it waited here is another attempt's now.
            if (trial?.Claim == claim)
                Train(worker, trial);
            replies.WriteLine(TrainerProtocol.EndedLine(claim.TrialId));
            replies.Flush();
        }
        lock (gate)
            return signalled;
    }

    private void Train(TrialWorker worker, TrialRecord trial)
    {
        using var stop = new TrialStop();
        lock (gate)
        {
            if (quitting is { } handBack)
                stop.Request(handBack);
            current = stop;
        }
        worker.Run(trial, stop);
        lock (gate)
            current = null;
    }

    private void ReadCommands()
    {
        while (commands.ReadLine() is { } line)
        {
            if (TrainerProtocol.ParseTrain(line) is { } claim)
                claims.TryAdd(claim);
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
