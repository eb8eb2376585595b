using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Silo.Telemetry;
using Silo.Search;
using Silo.Stores;

namespace Silo.Grains;

/// <summary>
/// Hands the active sweeps' queued trials to free slots, oldest sweep first, claiming each in the
/// store (which fences the attempt). Every few seconds it compares the running trials with
/// Orleans' membership: a trial whose silo was declared dead, or whose trainer process on this
/// machine is gone, is handed back through its trial grain and resumes elsewhere. A trial held by
/// a silo this cluster has never seen (another `sweep run` on the same SQLite file) is left to its
/// own cluster, and to its lease. On a shared store its state is rebuilt from the store when it
/// activates, so it can move to another silo when its own dies; on an embedded store it serves
/// only the sweeps started in its own process.
/// </summary>
public sealed class SchedulerGrain(GrainStore store, IClusterMembershipService membership, ILogger<SchedulerGrain> log) : Grain, ISchedulerGrain
{
    private static readonly TimeSpan ReconcileEvery = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, SiloReport> silos = [];
    // A stored sweep's target and budget never change: read once, so a sweep without either costs a claim no read.
    private readonly Dictionary<string, StoredSweep> sweeps = [];
    private List<string> active = [];
    // Sweeps whose search learns but proposes no more: full, or their search failed. A slot skips them rather than failing again.
    private readonly HashSet<string> proposalsEnded = [];
    // Per sweep with a target, checked whole once: which trial reached it, or null while none has.
    // Then only trials that end are checked, as slots report them free (see Poll).
    private readonly Dictionary<string, string?> targets = [];
    // Per silo, the trials its slots held at its last poll or were given then: those it no longer holds have ended.
    private readonly Dictionary<string, HashSet<long>> held = [];

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Another process's sweeps on the same SQLite file are active too, but not this process's to run.
        if (store.Location.Shared)
            active = [.. await store.Use(s => s.ActiveSweeps())];
        this.RegisterGrainTimer(Reconcile, ReconcileEvery, ReconcileEvery);
    }

    /// <inheritdoc />
    public async Task<SiloOrders> Poll(SiloReport report)
    {
        await CheckTargets(report);
        silos[report.Silo] = report;
        var running = report.Slots.Where(s => s.Claim is not null).ToList();
        var sweepsOfRunning = running.Count == 0 ? [] : await store.Use(s => running.ToDictionary(r => r.Claim!.TrialId, r => s.Trial(r.Claim!.TrialId)?.Sweep));
        var stops = sweepsOfRunning.Where(t => t.Value is null || !active.Contains(t.Value)).Select(t => t.Key).ToList();
        var assignments = new List<SlotAssignment>();
        var queued = true;
        foreach (var slot in report.Slots.Where(s => s.Free))
        {
            // A trial claimed for this very trainer, which says it holds none: the reply that
            // carried it was lost (the call timed out, or this grain's silo died mid-call). It
            // goes again under the same claim, rather than waiting out its lease.
            var asked = DateTime.UtcNow;
            var claimed = await store.Use(s => s.HeldBy(slot.Worker!));
            if (claimed is null && queued)
            {
                var claiming = System.Diagnostics.Stopwatch.StartNew();
                queued = (claimed = await ClaimNext(slot.Worker!)) is not null;
                if (queued)
                    SweepMetrics.ClaimSeconds.Record(claiming.Elapsed.TotalSeconds);
            }
            if (claimed is null)
                continue;
            DispatchTrace.Mark(claimed.Id, "claiming", slot.Worker!, asked);
            DispatchTrace.Mark(claimed.Id, "claimed", slot.Worker!);
            assignments.Add(new SlotAssignment(slot.Index, claimed.Claim!, claimed.Sweep));
            await GrainFactory.GetGrain<ITrialGrain>(claimed.Id).Started(claimed.Claim!, claimed.Sweep, slot.Worker!);
        }
        held[report.Silo] = [.. running.Select(r => r.Claim!.TrialId), .. assignments.Select(a => a.Claim.TrialId)];
        return new SiloOrders(assignments, stops);
    }

    /// <summary>
    /// The next trial of the oldest active sweep that has one, claimed for <paramref name="worker"/>;
    /// none of a sweep past its target or budget. A sweep whose search learns, with none queued, proposes one
    /// now, when the slot is free, so the proposal learns from every trial that ended before.
    /// </summary>
    private async Task<TrialRecord?> ClaimNext(string worker)
    {
        foreach (var sweep in active.ToList())
        {
            if (await EnforceLimits(sweep))
                continue;
            var trial = await store.Use(s => s.Claim(sweep, worker, TrialAttempts.Lease));
            if (trial is null && await Propose(sweep))
                trial = await store.Use(s => s.Claim(sweep, worker, TrialAttempts.Lease));
            if (trial is not null)
                return trial;
        }
        return null;
    }

    /// <summary>
    /// Queues the next trial of a sweep whose search learns; false for one whose search does not,
    /// once it may propose no more, or when its search failed. Then it proposes no more until the
    /// sweep starts again, and its sweep grain hears of it, so that the sweep ends when its last
    /// trial does. A search that must wait for running trials (a population between stretches)
    /// answers false until they end. The search reads the sweep afresh, as it reads every trial.
    /// </summary>
    private async Task<bool> Propose(string sweep)
    {
        if (proposalsEnded.Contains(sweep))
            return false;
        var outcome = await Searching(sweep, s => s.FindSweep(sweep) is { } stored ? SweepSearch.ProposeNext(s, stored) : Proposing.Ended, Proposing.Ended);
        if (outcome != Proposing.Ended)
            return outcome == Proposing.Queued;
        proposalsEnded.Add(sweep);
        await GrainFactory.GetGrain<ISweepGrain>(sweep).TrialChanged();
        return false;
    }

    /// <inheritdoc />
    public async Task<bool> Proposes(string sweep) =>
        !proposalsEnded.Contains(sweep) && await Searching(sweep, s => s.FindSweep(sweep) is { } stored && SweepSearch.Remaining(s, stored) > 0, false);

    /// <summary>
    /// Runs one step of a sweep's search. A search that fails (its stored space unreadable, a
    /// population with no member left to go on from, or a fault in the search itself) is logged and
    /// answers <paramref name="failed"/>, so the sweep ends with the trials it has and the other
    /// sweeps go on; a store that cannot be reached still fails the call.
    /// </summary>
    private async Task<T> Searching<T>(string sweep, Func<ISweepStore, T> step, T failed)
    {
        try
        {
            return await store.Use(step);
        }
        catch (Exception e) when (e is not StoreException || e is StoreException { Code: StoreErrorCode.Corrupt })
        {
            log.LogError(e, "Sweep {Sweep}: no more trials can be proposed, so it ends with those it has. {Reason}", sweep, e.Message);
            proposalsEnded.Add(sweep);
            return failed;
        }
    }

    /// <summary>Ends the queued trials of a sweep that reached its target or spent its budget; true if it has.</summary>
    private async Task<bool> EnforceLimits(string sweep)
    {
        if (!sweeps.TryGetValue(sweep, out var stored))
        {
            if (await store.Use(s => s.FindSweep(sweep)) is not { } found)
                return false;
            sweeps[sweep] = stored = found;
        }
        if (stored.Budget is null && stored.Target is null)
            return false;
        var reason = await store.Use(s => SweepLimits.Expired(s, stored, DateTimeOffset.UtcNow));
        if (reason is null && stored.Target is not null && !targets.TryGetValue(sweep, out reason))
            targets[sweep] = reason = await store.Use(s => SweepLimits.TargetReached(s, stored));
        if (reason is null)
            return false;
        var ended = await store.Use(s => s.StopQueued(sweep, reason));
        if (ended > 0)
        {
            log.LogInformation("Sweep {Sweep}: {Reason}; {Count} queued trials stopped.", sweep, reason, ended);
            await GrainFactory.GetGrain<ISweepGrain>(sweep).TrialChanged();
        }
        return true;
    }

    /// <inheritdoc />
    public async Task SweepChanged(string sweep, bool isActive)
    {
        active.Remove(sweep);
        proposalsEnded.Remove(sweep);
        targets.Remove(sweep);
        if (!isActive)
            return;
        active.Add(sweep);
        // Oldest sweep first, in the store's order, whatever order they were started in.
        var stored = await store.Use(s => s.ActiveSweeps());
        active = [.. stored.Where(active.Contains), .. active.Where(a => !stored.Contains(a))];
    }

    /// <summary>
    /// Checks the trials a silo held or was given at its last poll, and holds no more (they ended,
    /// or were handed back), against their sweep's target, for the sweeps checked whole already.
    /// </summary>
    private async Task CheckTargets(SiloReport report)
    {
        var watched = targets.Where(t => t.Value is null).Select(t => t.Key).ToList();
        if (!held.TryGetValue(report.Silo, out var before) || watched.Count == 0)
            return;
        var holding = report.Slots.Select(s => s.Claim?.TrialId).OfType<long>().ToHashSet();
        var ended = before.Where(id => !holding.Contains(id)).ToList();
        if (ended.Count == 0)
            return;
        // Each trial is read once, whichever sweep it belongs to.
        var trials = await store.Use(s => ended.Select(s.Trial).OfType<TrialRecord>().ToList());
        foreach (var sweep in watched)
        {
            var own = trials.Where(t => t.Sweep == sweep).ToList();
            if (own.Count > 0)
                targets[sweep] = await store.Use(s => SweepLimits.TargetReachedBy(s, sweeps[sweep], own));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SiloReport>> Silos()
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var gone in silos.Keys.Where(s => snapshot.GetSiloStatus(SiloAddress.FromParsableString(s)) != SiloStatus.Active).ToList())
        {
            silos.Remove(gone);
            held.Remove(gone);
        }
        return Task.FromResult<IReadOnlyList<SiloReport>>([.. silos.Values.OrderBy(s => s.Silo, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Hands back the running trials of silos that membership no longer counts as alive, ends the
    /// queued trials of sweeps that reached their target or spent their budget, and drops the
    /// sweeps that another process made inactive in the store (cancelled, or ended there).
    /// </summary>
    private async Task Reconcile()
    {
        var snapshot = membership.CurrentSnapshot;
        var stored = await store.Use(s => s.ActiveSweeps());
        active.RemoveAll(sweep => !stored.Contains(sweep));
        foreach (var sweep in active.ToList())
        {
            await EnforceLimits(sweep);
            var orphans = await store.Use(s => s.Trials(sweep, TrialStates.Running).Where(t => t.Claim is not null && IsDead(snapshot, t.Worker!)).ToList());
            foreach (var trial in orphans)
            {
                var silo = SlotWorkerId.SiloOf(trial.Worker!)!;
                log.LogWarning("Silo {Silo} is dead; trial {Trial} of {Sweep} goes back to the queue.", silo, trial.Id, sweep);
                await GrainFactory.GetGrain<ITrialGrain>(trial.Id).Lost(trial.Claim!, sweep, TrialAttempts.DiedReason($"silo {silo}"));
            }
        }
    }

    /// <summary>
    /// A silo declared dead is dead. One the membership does not hold at all may be another
    /// process's cluster on the same SQLite file, alive and training: its trial is lost only when
    /// its trainer process, on this machine, is gone (an earlier run's, killed); elsewhere its lease decides.
    /// </summary>
    private bool IsDead(ClusterMembershipSnapshot snapshot, string worker) =>
        SlotWorkerId.SiloOf(worker) is { } silo && snapshot.GetSiloStatus(silo) switch
        {
            SiloStatus.Dead => true,
            SiloStatus.None => !silos.ContainsKey(silo.ToParsableString()) && SlotWorkerId.IsGone(worker),
            _ => false,
        };
}
