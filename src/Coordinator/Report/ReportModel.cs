namespace Coordinator.Report;

/// <summary>
/// What a report page shows, as the JSON its script reads: the sweep, its results table, and per
/// trial the curves, marks (health flags, an early stop, the scored generator), sample grids and
/// scores. `sweep report` embeds one in a file; `sweep dashboard` serves it and sends the trials
/// that change.
/// </summary>
/// <param name="Sweep">The sweep's name.</param>
/// <param name="Description">What the sweep file says it explores.</param>
/// <param name="Metric">The metric that ranks the trials.</param>
/// <param name="Minimize">Whether lower is better.</param>
/// <param name="Swept">The options the sweep's search varied, whose effects it plots (<see cref="Results.ResultsTable.Searched"/>).</param>
/// <param name="Columns">The results table's columns, as `sweep show` has them.</param>
/// <param name="Trials">The trials shown whole (a row, curves, film strip), ranked as `sweep show` ranks them: all of a sweep of up to <see cref="ReportBuilder.DetailedTrials"/>, else its best.</param>
/// <param name="Population">Every trial, as the counts and the effect charts need it.</param>
/// <param name="Limits">How far curves and film strips were thinned.</param>
public sealed record ReportModel(
    string Sweep, string? Description, string Metric, bool Minimize, IReadOnlyList<string> Swept,
    IReadOnlyList<string> Columns, IReadOnlyList<ReportTrial> Trials, ReportPopulation Population, ReportLimits Limits)
{
    /// <summary>A pbt sweep's stretches, as its lineage and schedules are drawn; null for the other methods.</summary>
    public ReportLineage? Lineage { get; init; }
}

/// <summary>A pbt sweep's stretches: which member trained which steps, what each went on from, and its mutable options.</summary>
/// <param name="Population">The members.</param>
/// <param name="TotalSteps">The steps every member trains.</param>
/// <param name="Mutations">The options explore changes, in the order <see cref="ReportStretch.Options"/> holds them.</param>
/// <param name="Stretches">Every stretch stored, in trial order.</param>
public sealed record ReportLineage(int Population, long TotalSteps, IReadOnlyList<string> Mutations, IReadOnlyList<ReportStretch> Stretches);

/// <summary>One stretch of a pbt member: a trial.</summary>
/// <param name="Id">The trial's id.</param>
/// <param name="Member">The member it trains (from 0).</param>
/// <param name="From">The step it went on from.</param>
/// <param name="To">The step it trains to.</param>
/// <param name="Parent">The trial it went on from; null for a member's first.</param>
/// <param name="Copied">Whether it went on from another member's stretch (an exploit).</param>
/// <param name="Status">Its state.</param>
/// <param name="Score">Its value of the sweep's metric, once scored.</param>
/// <param name="Options">Its value of each mutable option.</param>
public sealed record ReportStretch(long Id, int Member, long From, long To, long? Parent, bool Copied, string Status, double? Score, IReadOnlyList<object?> Options);

/// <summary>
/// The whole sweep in brief: its trials' counts by state, and its scored trials as points of the
/// effect charts, columns of equal length in rank order. A sweep with more scored trials than
/// <see cref="ReportBuilder.PopulationPoints"/> is sampled by rank: the best ones, then evenly spaced.
/// </summary>
/// <param name="Trials">How many trials the sweep has.</param>
/// <param name="Counts">Its trials by state.</param>
/// <param name="Scored">How many of them have a value of the metric.</param>
/// <param name="Ids">The plotted trials' ids.</param>
/// <param name="Scores">Their values of the metric.</param>
/// <param name="Params">Their values of each swept option.</param>
/// <param name="Lines">Which of them the parallel-coordinates chart draws (an SVG path each), as indices: at most <see cref="ReportBuilder.ParallelLines"/>, sampled by rank as the points are.</param>
public sealed record ReportPopulation(
    int Trials, IReadOnlyDictionary<string, int> Counts, int Scored, IReadOnlyList<long> Ids, IReadOnlyList<double> Scores,
    IReadOnlyDictionary<string, IReadOnlyList<object?>> Params, IReadOnlyList<int> Lines);

/// <summary>One trial in a report.</summary>
/// <param name="Id">The trial's id.</param>
/// <param name="Status">queued, running, completed, stopped, diverged, failed or interrupted.</param>
/// <param name="Flags">Its health flags by name.</param>
/// <param name="Error">What stopped it, if it did not complete.</param>
/// <param name="Params">Its values of the swept options.</param>
/// <param name="Values">Its raw value in each column: numbers, text, or null.</param>
/// <param name="Display">Its value in each column, as `sweep show` prints it.</param>
/// <param name="Score">Its value of the sweep's metric.</param>
/// <param name="Step">The step it has reached.</param>
/// <param name="TotalSteps">The steps it trains in all (0 until known).</param>
/// <param name="Curves">Its metrics over steps; null when it has recorded none.</param>
/// <param name="FlagMarks">Where each health flag fired.</param>
/// <param name="StoppedAt">The step early termination stopped it at; null unless it was stopped.</param>
/// <param name="ScoredStep">The step of the generator its quality scores are of (its best, unless the last was asked for); null when unknown or unscored.</param>
/// <param name="Frames">The sample grids shown, by epoch.</param>
/// <param name="GridsStored">How many sample grids the store holds for it.</param>
/// <param name="Scores">Its final quality scores by name, if it was evaluated or is a toy trial.</param>
public sealed record ReportTrial(
    long Id, string Status, IReadOnlyList<string> Flags, string? Error, IReadOnlyDictionary<string, object?> Params,
    IReadOnlyList<object?> Values, IReadOnlyList<string> Display, double? Score, long Step, long TotalSteps,
    ReportCurves? Curves, IReadOnlyList<FlagMark> FlagMarks, long? StoppedAt, long? ScoredStep, IReadOnlyList<ReportFrame> Frames, int GridsStored,
    IReadOnlyDictionary<string, double> Scores);

/// <summary>A trial's metrics as aligned columns: one step axis and one array per metric, null where a value is missing or not finite.</summary>
/// <param name="Records">How many records the store holds; more than <see cref="Steps"/> when thinned.</param>
/// <param name="Steps">The step of each point.</param>
/// <param name="Series">Each metric's values, by metric name.</param>
public sealed record ReportCurves(int Records, IReadOnlyList<long> Steps, IReadOnlyDictionary<string, IReadOnlyList<double?>> Series);

/// <summary>Where a health flag fired.</summary>
/// <param name="Flag">diverged, d_overpowers or mode_collapse.</param>
/// <param name="Step">The step.</param>
public sealed record FlagMark(string Flag, long Step);

/// <summary>One sample grid of a film strip.</summary>
/// <param name="Epoch">The epoch it was drawn after.</param>
/// <param name="Png">The PNG, as a data: URI.</param>
public sealed record ReportFrame(long Epoch, string Png);

/// <summary>How a report thins what it shows, so that its size stays bounded.</summary>
/// <param name="PointsPerCurve">The most points a curve has; longer ones are drawn from half as many buckets, each as its minimum and maximum.</param>
/// <param name="FramesPerTrial">The most sample grids a trial's film strip shows, evenly spaced, the last always among them.</param>
public sealed record ReportLimits(int PointsPerCurve, int FramesPerTrial)
{

    /// <summary>The bytes of sample grids a trial's film strip may hold: fewer frames where grids are large (colour); unbounded by default.</summary>
    public long GridBytesPerTrial { get; init; } = long.MaxValue;
}
