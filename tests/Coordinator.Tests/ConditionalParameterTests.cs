using Silo.Search;
using Coordinator.Sweeps;

/// <summary>Conditional parameters: `width` only where the architecture is dcgan-small, in grids and random draws.</summary>
public class ConditionalParameterTests
{
    private static SweepDefinition Parse(string text) => SweepFileParser.Parse(text, "when.yaml");

    private static SweepProblem OnlyProblem(string text) => Assert.Single(Assert.Throws<SweepFileException>(() => Parse(text)).Problems);

    [Fact]
    public void A_grid_never_crosses_width_with_an_architecture_it_does_not_apply_to()
    {
        var trials = Parse("""
            parameters:
              arch: {values: [mlp, dcgan-small, mlp-128]}
              width: {values: [0.25, 0.5], when: {arch: dcgan-small}}
              seed: {values: [0, 1]}
            """).Trials;

        // mlp and mlp-128 once per seed, dcgan-small once per width and seed: 2 + 4 + 2.
        Assert.Equal(8, trials.Count);
        Assert.All(trials.Where(t => (string)t["arch"] != "dcgan-small"), t => Assert.False(t.ContainsKey("width")));
        Assert.Equal([0.25, 0.25, 0.5, 0.5], trials.Where(t => (string)t["arch"] == "dcgan-small").Select(t => (double)t["width"]).Order());
        Assert.Equal(8, trials.Select(t => t.ToJson()).Distinct().Count());
    }

    [Fact]
    public void Random_draws_drop_the_parameter_where_its_condition_fails_and_a_list_of_values_is_one_condition()
    {
        var trials = Parse("""
            method: random
            run_cap: 60
            parameters:
              arch: {values: [mlp, dcgan-small, dcgan]}
              width: {distribution: uniform, min: 0.25, max: 1, when: {arch: [dcgan-small]}}
              latent_size: {values: [32, 128], when: {arch: [dcgan, dcgan-small]}}
            """).Trials;

        Assert.All(trials, t => Assert.Equal((string)t["arch"] == "dcgan-small", t.ContainsKey("width")));
        Assert.All(trials, t => Assert.Equal((string)t["arch"] != "mlp", t.ContainsKey("latent_size")));
        Assert.Contains(trials, t => (string)t["arch"] == "mlp");
    }

    [Fact]
    public void A_condition_on_a_base_option_applies_to_every_trial_or_none()
    {
        var sweep = Parse("""
            base: {arch: mlp}
            parameters:
              width: {values: [0.25, 0.5], when: {arch: dcgan-small}}
              lr: {values: [0.001, 0.002]}
            """);

        Assert.All(sweep.Trials, t => Assert.False(t.ContainsKey("width")));
        Assert.Equal(2, sweep.Trials.Count);
    }

    [Theory]
    [InlineData("width: {values: [0.5], when: {acrh: dcgan-small}}", 4, 33, "'width': when names unknown option 'acrh'; did you mean 'arch'?")]
    [InlineData("width: {values: [0.5], when: {arch: dcgan-smal}}", 4, 39, "arch = 'dcgan-smal': must be one of mlp, mlp-128, dcgan, dcgan-small, toy")]
    [InlineData("width: {values: [0.5], when: {width: 0.5}}", 4, 33, "'width' cannot depend on itself")]
    [InlineData("width: {values: [0.5], when: dcgan-small}", 4, 32, "'width': when must name one option and its values, such as {arch: dcgan-small}")]
    [InlineData("width: {values: [0.5], when: {seed: 1}}", 4, 3, "'width' depends on 'seed', which neither base nor parameters set; set it in one of them")]
    public void Mistakes_in_a_condition_are_located(string parameter, int line, int column, string message)
    {
        var problem = OnlyProblem($"parameters:\n  arch: {{values: [mlp, dcgan-small]}}\n  lr: {{values: [0.001]}}\n  {parameter}\n");

        Assert.Equal(message, problem.Message);
        Assert.Equal(new SourceLocation(line, column), problem.Location);
    }

    [Fact]
    public void A_condition_on_a_conditional_parameter_is_refused()
    {
        var problem = OnlyProblem("""
            parameters:
              arch: {values: [mlp, dcgan-small]}
              width: {values: [0.25, 0.5], when: {arch: dcgan-small}}
              lr: {values: [0.001], when: {width: 0.5}}
            """);

        Assert.Equal("'lr' depends on 'width', which is itself conditional; a condition must name an option every trial sets", problem.Message);
    }
}
