using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;
using Silo.Trials;

namespace Silo.Stores;

/// <summary>What tables, reports, the dashboard, early stopping and searches read: sweeps, trials, their metrics, evaluations and artifacts.</summary>
public interface ISweepReader
{
    /// <summary>The sweep by name, or null.</summary>
    StoredSweep? FindSweep(string name);

    /// <summary>Every sweep, newest first, with its counts by state.</summary>
    IReadOnlyList<SweepSummary> ListSweeps();

    /// <summary>A sweep's trials, by index.</summary>
    IReadOnlyList<TrialRecord> Trials(string sweep);

    /// <summary>A sweep's trials in one state, by index: what the scheduler watches (the running ones) without reading a large sweep whole.</summary>
    IReadOnlyList<TrialRecord> Trials(string sweep, string status);

    /// <summary>How many of a sweep's trials are in each state, counted by the database: what follows a sweep of any size; empty for a sweep without trials.</summary>
    IReadOnlyDictionary<string, int> TrialCounts(string sweep);

    /// <summary>When the sweep's first trial started, or null before any did: what a time budget counts from, read without reading the trials.</summary>
    DateTimeOffset? FirstStarted(string sweep);

    /// <summary>A trial by id, or null.</summary>
    TrialRecord? Trial(long id);

    /// <summary>A trial's metrics: step → name → value.</summary>
    IReadOnlyList<MetricRecord> Metrics(long trialId);

    /// <summary>A trial's last metric record, or null if it has none yet.</summary>
    MetricRecord? LatestMetrics(long trialId);

    /// <summary>The last metric record of each of a sweep's trials that has one, by trial id: one query for a whole table.</summary>
    IReadOnlyDictionary<long, MetricRecord> LatestMetrics(string sweep);

    /// <summary>
    /// The value of metric <paramref name="name"/> at <paramref name="step"/> for each of the
    /// sweep's trials that recorded one, by trial id: what early stopping compares a trial with.
    /// </summary>
    IReadOnlyDictionary<long, double> MetricAt(string sweep, string name, long step);

    /// <summary>A trial's evaluation, or null.</summary>
    StoredEvaluation? Evaluation(long trialId);

    /// <summary>The evaluations of a sweep's trials, by trial id.</summary>
    IReadOnlyDictionary<long, StoredEvaluation> Evaluations(string sweep);

    /// <summary>An artifact's bytes: the given epoch's, or the latest; null if none.</summary>
    TrialArtifact? Artifact(long trialId, ArtifactKind kind, long? epoch = null);

    /// <summary>The epochs a trial holds an artifact of <paramref name="kind"/> for, in order: a report's film strip asks which grids exist before it reads them.</summary>
    IReadOnlyList<long> ArtifactEpochs(long trialId, ArtifactKind kind);
}
