using Silo.Stores;

namespace Silo.Scheduling;

/// <summary>Whoever shows a running sweep: the runner hands it the trials' state as it changes.</summary>
public interface ISweepProgress
{
    /// <summary>Shows the trials' current state.</summary>
    void Update(IReadOnlyList<TrialRecord> trials);

    /// <summary>Ends the display.</summary>
    void Finish();
}
