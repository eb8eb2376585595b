using Gan.Core.Metrics;

namespace Gan.Core.Training;

/// <summary>Watches a trial as it trains and says when it is not worth finishing (a sweep's <c>early_terminate</c> rules).</summary>
public interface IEarlyStopping
{
    /// <summary>Whether the trial is to be scored quickly at <paramref name="step"/>, beside the epoch ends: a rung, say.</summary>
    bool ScoresAt(long step);

    /// <summary>Why the trial should stop after <paramref name="record"/>, or null to go on.</summary>
    /// <param name="record">The latest metric record, with the quick score when one was taken at its step.</param>
    /// <param name="flags">The health flags raised so far.</param>
    string? Check(MetricRecord record, HealthFlags flags);
}
