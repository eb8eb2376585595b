using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Silo.Grains;
using Silo.Telemetry;
using Silo.Stores;

namespace Silo.Slots;

/// <summary>
/// Runs a silo's slots: keeps a trainer process per slot, polls the scheduler grain with what
/// each slot holds, and starts or stops trials as it answers. A trainer that dies has its trial
/// handed back at once and is replaced. When the silo stops (SIGTERM), every trainer checkpoints
/// and hands its trial back, within <see cref="HandBackBound"/>, before the silo leaves the cluster.
/// </summary>
public sealed class SlotRunner(IOptions<SlotOptions> options, GrainStore store, IGrainFactory grains, ILocalSiloDetails silo, SlotLog log) : BackgroundService
{
    /// <summary>How long trainers get to checkpoint and hand their trials back when the silo stops; then they are killed.</summary>
    public static readonly TimeSpan HandBackBound = TimeSpan.FromSeconds(20);

    // Trainers that die in a row without holding a trial fail at start-up; starting more would loop.
    private const int MaxStartupFailures = 3;
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);
    private readonly AutoResetEvent wake = new(false);
    // Grain calls that failed (a silo of the cluster just died); tried again each round until they land.
    private readonly List<Func<Task>> pending = [];

    /// <summary>True once every slot's trainer failed to start <see cref="MaxStartupFailures"/> times in a row: the silo trains nothing.</summary>
    public bool Stalled { get; private set; }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A thread of its own for the silo's whole life: the kernel signals a trainer when the
        // thread that started it ends (PR_SET_PDEATHSIG), and pool threads come and go.
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stopping)
    {
        var slots = new TrainerProcess?[options.Value.Devices.Count];
        var failures = new int[slots.Length];
        using var gauges = SweepMetrics.TrackSlots(() => [.. slots.Select((p, i) => p is { Assignment: not null } trainer
            ? new SweepMetrics.SlotState(i, Busy: true, trainer.StepsPerSecond)
            : new SweepMetrics.SlotState(i, Busy: false, 0))]);
        while (!stopping.IsCancellationRequested)
        {
            Reap(slots, failures);
            StartTrainers(slots, failures);
            try
            {
                Deliver();
                var polled = DateTime.UtcNow;
                Apply(slots, grains.GetGrain<ISchedulerGrain>(0).Poll(Report(slots)).GetAwaiter().GetResult(), polled);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.Writer.WriteLine($"warning: the scheduler did not answer ({e.Message.Split('\n')[0]}); trying again.");
            }
            WaitHandle.WaitAny([wake, stopping.WaitHandle], PollEvery);
        }
        HandBack(slots);
    }

    private SiloReport Report(TrainerProcess?[] slots) =>
        new(silo.SiloAddress.ToParsableString(), silo.DnsHostName,
            [.. slots.Select((p, i) => new SlotReport(i, options.Value.Devices[i], p is null ? null : SlotWorkerId.Of(silo.SiloAddress, i, p.Id), p?.Claim))]);

    private void Apply(TrainerProcess?[] slots, SiloOrders orders, DateTime polled)
    {
        foreach (var assignment in orders.Assignments)
        {
            if (slots[assignment.Slot] is not { } trainer)
                continue;
            DispatchTrace.Mark(assignment.Claim.TrialId, "poll", SlotName(assignment.Slot), polled);
            DispatchTrace.Mark(assignment.Claim.TrialId, "assigned", SlotName(assignment.Slot));
            trainer.Train(assignment);
            SweepMetrics.TrialsStarted.Add(1);
        }
        foreach (var trial in orders.Stops)
            slots.FirstOrDefault(p => p?.Claim?.TrialId == trial)?.Interrupt();
    }

    /// <summary>Reports ended trials, and hands back the trials of trainers that died.</summary>
    private void Reap(TrainerProcess?[] slots, int[] failures)
    {
        for (var slot = 0; slot < slots.Length; slot++)
        {
            if (slots[slot] is not { } trainer)
                continue;
            if (trainer.TakeEnded() is { } ended)
            {
                DispatchTrace.Mark(ended.Assignment.Claim.TrialId, "noticed", SlotName(slot));
                Ended(ended.Assignment, ended.Outcome);
            }
            if (!trainer.HasExited)
                continue;
            var how = trainer.Ending;
            if (trainer.Assignment is { } held)
            {
                failures[slot] = 0;
                Lose(held, $"{TrialAttempts.DiedReason("trainer process")} (last: {how})", TrainerProtocol.Lost);
                log.Writer.WriteLine(held.Claim.Attempt >= TrialAttempts.Max
                    ? $"warning: trial {held.Claim.TrialId} failed, its worker having died {TrialAttempts.Max} times; worker process {trainer.Id} {how}"
                    : $"warning: trial {held.Claim.TrialId} goes back to the queue and resumes from its checkpoint; worker process {trainer.Id} {how}");
            }
            else if (trainer.ExitCode is not (0 or 130))
            {
                failures[slot]++;
                log.Writer.WriteLine($"warning: worker process {trainer.Id} ended before taking a trial; it {how}");
            }
            trainer.Dispose();
            slots[slot] = null;
        }
        if (!Stalled && failures.All(f => f >= MaxStartupFailures))
        {
            Stalled = true;
            log.Writer.WriteLine($"error: {MaxStartupFailures} worker processes in a row failed before taking a trial (see above); this silo trains nothing until it restarts.");
        }
    }

    private void StartTrainers(TrainerProcess?[] slots, int[] failures)
    {
        for (var slot = 0; slot < slots.Length; slot++)
        {
            if (slots[slot] is null && failures[slot] < MaxStartupFailures)
                slots[slot] = TrainerProcess.Start(store.Location, options.Value.ThreadsPerSlot, options.Value.Devices[slot], () => wake.Set(), log.Writer);
        }
    }

    /// <summary>Checkpoints and hands back every trial, waiting up to <see cref="HandBackBound"/>; a trainer still running then is killed and its trial handed back for it.</summary>
    private void HandBack(TrainerProcess?[] slots)
    {
        var trainers = slots.OfType<TrainerProcess>().ToList();
        foreach (var trainer in trainers)
            trainer.HandBack();
        var deadline = DateTime.UtcNow + HandBackBound;
        foreach (var trainer in trainers)
        {
            if (!trainer.WaitForExit(Max(deadline - DateTime.UtcNow, TimeSpan.Zero)))
            {
                trainer.Kill();
                trainer.WaitForExit(TimeSpan.FromSeconds(5));
            }
            if (trainer.TakeEnded() is { } ended)
                Ended(ended.Assignment, ended.Outcome);
            else if (trainer.Assignment is { } held)
                Lose(held, "its silo stopped", TrainerProtocol.HandedBack);
            trainer.Dispose();
        }
        try
        {
            Deliver();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The trials' store state is right already; only their sweep hears of it later, from the scheduler's rounds.
            log.Writer.WriteLine($"warning: could not tell the cluster that this silo's trials were handed back ({e.Message.Split('\n')[0]}).");
        }
    }

    private void Ended(SlotAssignment ended, string outcome)
    {
        SweepMetrics.TrialsEnded.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        Notify(async () =>
        {
            await grains.GetGrain<ITrialGrain>(ended.Claim.TrialId).Ended(ended.Claim, ended.Sweep);
            DispatchTrace.Mark(ended.Claim.TrialId, "told", SlotName(ended.Slot));
        });
    }

    /// <summary>The slot's name in dispatch trace marks; not built while tracing is off.</summary>
    private string SlotName(int slot) => DispatchTrace.On ? $"{silo.SiloAddress.ToParsableString()}/{slot}" : "-";

    /// <summary>Hands back the trial of a trainer that is gone: <paramref name="outcome"/> says whether its silo stopped or the trainer died.</summary>
    private void Lose(SlotAssignment lost, string reason, string outcome)
    {
        SweepMetrics.TrialsEnded.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        Notify(() => grains.GetGrain<ITrialGrain>(lost.Claim.TrialId).Lost(lost.Claim, lost.Sweep, reason));
    }

    private void Notify(Func<Task> call) => pending.Add(call);

    /// <summary>Makes the grain calls waiting to be made; those that fail wait for the next round.</summary>
    private void Deliver()
    {
        foreach (var call in pending.ToList())
        {
            call().GetAwaiter().GetResult();
            pending.Remove(call);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <inheritdoc />
    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }
}
