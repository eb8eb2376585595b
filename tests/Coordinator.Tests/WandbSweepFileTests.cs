using Silo.Search;
using Coordinator.Sweeps;

/// <summary>Sweep files pasted from W&amp;B: its documented forms read as W&amp;B reads them, and typos stay errors.</summary>
public class WandbSweepFileTests
{
    private static SweepDefinition Parse(string text) => SweepFileParser.Parse(text, "wandb.yaml");

    private static SweepProblem OnlyProblem(string text) => Assert.Single(Assert.Throws<SweepFileException>(() => Parse(text)).Problems);

    private static List<object> Draws(string parameter, int count = 400) =>
        Parse($"method: random\nrun_cap: {count}\nparameters:\n  {parameter}\n").Trials.Select(t => t.Values.Single()).ToList();

    [Fact]
    public void A_typical_W_and_B_file_runs_with_a_notice_for_its_launch_keys()
    {
        var sweep = Parse("""
            program: train.py
            command: [python, train.py]
            project: gans
            method: random
            run_cap: 20
            metric: {name: fid, goal: minimize, target: 50}
            parameters:
              lr: {min: 0.0001, max: 0.001}
              latent_size: {min: 32, max: 128}
              label_smoothing: {values: [0, 0.1], probabilities: [0.25, 0.75]}
              beta1: {distribution: q_uniform, min: 0.1, max: 0.9, q: 0.1}
            """);

        Assert.Equal(["program", "command", "project"], sweep.Notices.Select(n => n.Message.Split('\'')[1]));
        Assert.Equal("wandb.yaml:1:1: 'program' is a W&B launch key; sweep trains its own models, so it is ignored", sweep.Notices[0].ToString());
        Assert.Equal(50, sweep.Metric.Target);
        var lr = (RangeParameter)sweep.Parameters[0];
        Assert.Equal(Distribution.Uniform, lr.Distribution);
        Assert.Equal(Distribution.IntUniform, ((RangeParameter)sweep.Parameters[1]).Distribution);
        Assert.All(sweep.Trials, t => Assert.IsType<long>(t["latent_size"]));
    }

    [Fact]
    public void Bounds_of_a_real_option_infer_uniform_even_when_they_are_whole_numbers()
    {
        var draws = Draws("beta2: {min: 0, max: 0.999}").Cast<double>().ToList();
        Assert.Contains(draws, d => d != Math.Floor(d));
    }

    [Fact]
    public void Q_families_round_to_multiples_of_q_and_whole_number_options_get_whole_numbers()
    {
        Assert.All(Draws("beta1: {distribution: q_uniform, min: 0.1, max: 0.9, q: 0.1}").Cast<double>(),
            d => Assert.Equal(Math.Round(d * 10) / 10, d, 12));
        var sizes = Draws("latent_size: {distribution: q_log_uniform_values, min: 16, max: 256, q: 16}").Cast<long>().ToList();
        Assert.All(sizes, s => Assert.Equal(0, s % 16));
        Assert.InRange(sizes.Min(), 16, 32);
        Assert.InRange(sizes.Max(), 224, 256);
    }

    [Fact]
    public void Normal_families_center_on_mu_and_redraw_values_the_trainer_refuses()
    {
        var rates = Draws("lr: {distribution: log_normal, mu: -7, sigma: 0.5}").Cast<double>().ToList();
        Assert.InRange(rates.Select(r => Math.Log(r)).Average(), -7.15, -6.85);

        // Half of N(0.1, 0.2) is negative, which label_smoothing refuses: those are drawn again.
        var smoothing = Draws("label_smoothing: {distribution: normal, mu: 0.1, sigma: 0.2}").Cast<double>().ToList();
        Assert.All(smoothing, s => Assert.InRange(s, 0, 0.5));
        Assert.All(Draws("lr: {distribution: q_normal, mu: 0.005, sigma: 0.001, q: 0.001}").Cast<double>(),
            d => Assert.Equal(Math.Round(d * 1000) / 1000, d, 12));
    }

    [Fact]
    public void Inverse_and_exponent_forms_stay_inside_their_bounds()
    {
        Assert.All(Draws("lr: {distribution: inv_log_uniform_values, min: 0.0001, max: 0.01}").Cast<double>(), d => Assert.InRange(d, 0.0001, 0.01));
        Assert.All(Draws("lr: {distribution: log_uniform, min: -9.2, max: -4.6}").Cast<double>(), d => Assert.InRange(d, Math.Exp(-9.2), Math.Exp(-4.6)));
    }

    [Fact]
    public void Probabilities_weight_random_draws()
    {
        var draws = Draws("optimizer: {values: [adam, sgd], probabilities: [0.9, 0.1]}", 1000);

        Assert.InRange(draws.Count(d => (string)d == "adam"), 850, 950);
    }

    [Fact]
    public void Nested_parameters_sweep_the_options_of_a_group()
    {
        var sweep = Parse("""
            method: grid
            parameters:
              optimizer_settings:
                parameters:
                  beta1: {values: [0.5, 0.9]}
                  lr: {values: [0.0002]}
              seed: {values: [0, 1]}
            """);

        Assert.Equal(["beta1", "lr", "seed"], sweep.Parameters.Select(p => p.Name));
        Assert.Equal(4, sweep.Trials.Count);
    }

    [Theory]
    [InlineData("lr: {values: [0.1, 0.2], probabilities: [0.5, 0.6]}", 4, 43, "'lr': probabilities must be at least 0 and add up to 1 (these add up to 1.1)")]
    [InlineData("lr: {values: [0.1, 0.2], probabilities: [1]}", 4, 43, "'lr': probabilities must be a list of 2 numbers, one per value")]
    [InlineData("lr: {distribution: normal, mu: 0.001, sigma: 0}", 4, 48, "'lr': sigma must be greater than 0")]
    [InlineData("lr: {distribution: uniform, min: 0.1, max: 0.2, mu: 1}", 4, 55, "'lr': uniform takes no 'mu'")]
    [InlineData("lr: {distribution: q_uniform, min: 0.1, max: 0.2, q: -1}", 4, 56, "'lr': q must be greater than 0")]
    [InlineData("lr: {distribution: q_unifrom, min: 0.1, max: 0.2}", 4, 22, "unknown distribution 'q_unifrom'; did you mean 'q_uniform'?")]
    [InlineData("lr: {min: 0.1, max: 0.2, sigmaa: 1}", 4, 28, "unknown key 'sigmaa'; did you mean 'sigma'?")]
    [InlineData("lr: {distribution: log_normal, mu: 5}", 4, 38, "lr = 148.4131591025766: must be greater than 0 and at most 100")]
    [InlineData("groupp: {parameters: {lrr: {values: [0.1]}}}", 4, 25, "unknown key 'lrr'; did you mean 'lr'?")]
    public void Typos_and_impossible_values_stay_errors(string parameter, int line, int column, string message)
    {
        var problem = OnlyProblem($"method: random\nrun_cap: 4\nparameters:\n  {parameter}\n");

        Assert.Equal(message, problem.Message);
        Assert.Equal(new SourceLocation(line, column), problem.Location);
    }

    [Fact]
    public void Probabilities_in_a_grid_are_an_error_since_a_grid_runs_every_value()
    {
        var problem = OnlyProblem("parameters:\n  lr: {values: [0.1, 0.2], probabilities: [0.5, 0.5]}\n");

        Assert.Equal("'lr': a grid runs every value, so probabilities do nothing; use method: random, or remove them", problem.Message);
    }

    [Theory]
    [InlineData("30m", 30 * 60)]
    [InlineData("1h30m", 90 * 60)]
    [InlineData("90s", 90)]
    [InlineData("2h", 2 * 3600)]
    public void A_budget_is_a_time_in_hours_minutes_and_seconds(string budget, int seconds)
    {
        var sweep = Parse($"budget: {budget}\nparameters:\n  lr: {{values: [0.1]}}\n");

        Assert.Equal(TimeSpan.FromSeconds(seconds), sweep.Budget);
        Assert.Equal(TimeSpan.FromSeconds(seconds), sweep.ToNewSweep().Budget);
    }

    [Theory]
    [InlineData("30 minutes")]
    [InlineData("0m")]
    [InlineData("999h")]
    [InlineData("m")]
    public void A_budget_that_is_no_time_is_located_and_shows_the_forms(string budget)
    {
        var problem = OnlyProblem($"budget: {budget}\nparameters:\n  lr: {{values: [0.1]}}\n");

        Assert.Equal(new SourceLocation(1, 9), problem.Location);
        Assert.Equal($"budget '{budget}' must be a time such as 30m, 2h, 1h30m or 90s, at most 30 days", problem.Message);
    }

    [Fact]
    public void Method_bayes_needs_run_cap_or_a_budget_to_know_when_to_stop_proposing()
    {
        var problem = OnlyProblem("method: bayes\nparameters:\n  lr: {min: 0.0001, max: 0.001}\n");

        Assert.Equal(new SourceLocation(1, 9), problem.Location);
        Assert.Equal("bayes proposes trials until run_cap trials exist or the budget is spent; give run_cap, budget, or both", problem.Message);
    }

    [Fact]
    public void Method_bayes_stores_its_space_and_starts_with_the_random_searchs_first_trials()
    {
        const string Space = "run_cap: 30\nrandom_seed: 4\nparameters:\n  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.01}\n  beta1: {values: [0.5, 0.9]}\n";
        var bayes = Parse("method: bayes\n" + Space);
        var random = Parse("method: random\n" + Space);

        var trials = bayes.Trials;

        Assert.IsType<TreeParzenSearch>(bayes.Method);
        Assert.Equal(random.Trials.Take(TreeParzen.DefaultStartupTrials).Select(t => t.ToJson()), trials.Select(t => t.ToJson()));
        var stored = SearchSpace.FromJson(bayes.ToNewSweep().Search!);
        Assert.Equal((4, 30, 2), (stored.Seed, stored.RunCap, stored.Parameters.Count));
        Assert.IsType<RandomSearch>(SearchSpace.FromJson(random.ToNewSweep().Search!).SearchMethod);
        Assert.Equal(SearchMethods.MaxTrials, Parse("method: bayes\nbudget: 30m\nparameters:\n  lr: {min: 0.0001, max: 0.001}\n").Space.RunCap);
    }
}
