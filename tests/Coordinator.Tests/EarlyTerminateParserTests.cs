using Coordinator.Sweeps;
using Gan.Core.Metrics;
using Silo.Search;

/// <summary>The <c>early_terminate</c> section: W&amp;B's hyperband keys, our gan-health and median, and located errors.</summary>
public class EarlyTerminateParserTests
{
    private static SweepDefinition Parse(string early, string metric = "fid") =>
        SweepFileParser.Parse($"metric: {{name: {metric}}}\nearly_terminate: {early}\nparameters:\n  lr: {{values: [0.001, 0.002]}}\n", "s.yaml");

    private static SweepProblem OnlyProblem(string early, string metric = "fid") =>
        Assert.Single(Assert.Throws<SweepFileException>(() => Parse(early, metric)).Problems);

    [Fact]
    public void Hyperband_reads_W_and_B_keys_and_compares_the_quick_form_of_the_sweep_metric()
    {
        var rules = Parse("{type: hyperband, min_iter: 250, eta: 2}").EarlyTerminate!;

        Assert.Equal([EarlyTerminationType.Hyperband], rules.Types);
        Assert.Equal((250L, 2.0, (long?)null), (rules.MinIter, rules.Eta, rules.MaxIter));
        Assert.Equal((MetricNames.QuickFid, true), (rules.Metric, rules.Minimize));
        Assert.Equal((MetricNames.QuickCoverage, false), (Parse("{type: asha}", "coverage").EarlyTerminate!.Metric, Parse("{type: asha}", "coverage").EarlyTerminate!.Minimize));
    }

    [Fact]
    public void Max_iter_with_s_brackets_places_the_first_rung_as_W_and_B_does()
    {
        var rules = Parse("{type: hyperband, max_iter: 2700, s: 3, eta: 3}").EarlyTerminate!;

        Assert.Equal(100, rules.MinIter);
        Assert.Equal(2700, rules.MaxIter);
    }

    [Fact]
    public void Types_combine_as_a_list_and_gan_health_keys_override_the_defaults()
    {
        var rules = Parse("{type: [asha, gan-health], min_iter: 400, saturated_records: 4, grace: 0, min_coverage: 2}").EarlyTerminate!;

        Assert.Equal([EarlyTerminationType.Hyperband, EarlyTerminationType.GanHealth], rules.Types);
        Assert.Equal((4, 0L, 2, 400L), (rules.SaturatedRecords, rules.Grace, rules.MinCoverage, rules.MinIter));
        Assert.Null(SweepFileParser.Parse("parameters:\n  lr: {values: [0.1]}\n", "s.yaml").EarlyTerminate);
    }

    [Theory]
    [InlineData("{type: hyperbnd}", 2, 25, "early_terminate type 'hyperbnd' is not known; did you mean 'hyperband'?")]
    [InlineData("{min_iter: 3}", 2, 18, "early_terminate needs a type: gan-health, hyperband, asha, median")]
    [InlineData("{type: gan-health, eta: 3}", 2, 37, "'eta' tunes hyperband, which this early_terminate does not use")]
    [InlineData("{type: [hyperband, median]}", 2, 25, "hyperband and median both stop trials by the metric; choose one (gan-health goes with either)")]
    [InlineData("{type: hyperband, eta: 1}", 2, 41, "early_terminate.eta must be greater than 1 and at most 100")]
    [InlineData("{type: hyperband, min_iter: 0}", 2, 46, "early_terminate.min_iter must be a whole number from 1 to 2147483647")]
    [InlineData("{type: hyperband, s: 2}", 2, 39, "'s' places the rungs below max_iter: give max_iter with it, and no min_iter")]
    [InlineData("{type: hyperband, min_iter: 500, max_iter: 500}", 2, 51, "max_iter 500 must be greater than min_iter 500, or no rung is left")]
    [InlineData("{type: median, saturated_accuracy: 2}", 2, 33, "'saturated_accuracy' tunes gan-health, which this early_terminate does not use")]
    [InlineData("[hyperband]", 2, 18, "early_terminate must be a mapping such as {type: hyperband, min_iter: 500, eta: 3}")]
    public void Mistakes_are_located_and_say_what_to_do(string early, int line, int column, string message)
    {
        var problem = OnlyProblem(early);

        Assert.Equal(message, problem.Message);
        Assert.Equal(new SourceLocation(line, column), problem.Location);
    }

    [Fact]
    public void Hyperband_on_a_metric_with_no_score_during_training_names_the_metric()
    {
        var problem = OnlyProblem("{type: hyperband}", "wasserstein");

        Assert.Equal(new SourceLocation(1, 9), problem.Location);
        Assert.StartsWith("early_terminate compares trials by a score taken during training, which exists for fid and coverage, not wasserstein", problem.Message);
    }
}
