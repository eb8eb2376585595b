using Silo.Search;
using Coordinator.Sweeps;

public class SweepFileParserTests
{
    private const string Path = "sweeps/test.yaml";

    private static SweepDefinition Parse(string text) => SweepFileParser.Parse(text, Path);

    private static IReadOnlyList<SweepProblem> Problems(string text) =>
        Assert.Throws<SweepFileException>(() => Parse(text)).Problems;

    private static SweepProblem OnlyProblem(string text) => Assert.Single(Problems(text));

    [Fact]
    public void Parse_reads_the_issues_example()
    {
        var sweep = SweepFileParser.Load(System.IO.Path.Combine(RepositoryRoot(), "sweeps", "lr-grid.yaml"));

        Assert.Equal("lr-grid", sweep.Name);
        Assert.IsType<GridSearch>(sweep.Method);
        Assert.Equal(new SweepMetric("fid", true), sweep.Metric);
        Assert.Equal(50, sweep.RunCap);
        Assert.Equal(4000L, sweep.Base["steps"]);
        Assert.Equal(8, sweep.Trials.Count);
    }

    [Fact]
    public void Every_example_sweep_is_valid_and_says_what_it_explores()
    {
        foreach (var file in Directory.GetFiles(System.IO.Path.Combine(RepositoryRoot(), "sweeps"), "*.yaml"))
        {
            var sweep = SweepFileParser.Load(file);
            Assert.False(string.IsNullOrWhiteSpace(sweep.Description), file);
            Assert.NotEmpty(sweep.Trials);
        }
    }

    [Fact]
    public void Grid_is_the_cartesian_product_with_the_last_parameter_fastest()
    {
        var sweep = Parse("""
            base: {arch: mlp}
            parameters:
              lr: {values: [0.1, 0.2]}
              seed: {values: [0, 1, 2]}
              optimizer: {value: sgd}
            """);

        var trials = sweep.Trials;

        Assert.Equal(
            [(0.1, 0L), (0.1, 1L), (0.1, 2L), (0.2, 0L), (0.2, 1L), (0.2, 2L)],
            trials.Select(t => ((double)t["lr"], (long)t["seed"])));
        Assert.All(trials, t => Assert.Equal("mlp", t["arch"]));
        Assert.All(trials, t => Assert.Equal("sgd", t["optimizer"]));
    }

    private const string RandomSweep = """
        method: random
        run_cap: 20
        random_seed: 7
        parameters:
          lr: {distribution: log_uniform_values, min: 0.0001, max: 0.01}
          beta1: {distribution: uniform, min: 0.3, max: 0.9}
          batch_size: {distribution: int_uniform, min: 32, max: 64}
          arch: {distribution: categorical, values: [mlp, mlp-128]}
        """;

    [Fact]
    public void Random_search_is_reproducible_from_its_seed_and_stays_in_range()
    {
        var first = Parse(RandomSweep).Trials;
        var second = Parse(RandomSweep).Trials;
        var other = Parse(RandomSweep.Replace("random_seed: 7", "random_seed: 8")).Trials;

        Assert.Equal(20, first.Count);
        Assert.Equal(first.Select(TrialConfig), second.Select(TrialConfig));
        Assert.NotEqual(first.Select(TrialConfig), other.Select(TrialConfig));
        Assert.All(first, t => Assert.InRange((double)t["lr"], 0.0001, 0.01));
        Assert.All(first, t => Assert.InRange((double)t["beta1"], 0.3, 0.9));
        Assert.All(first, t => Assert.InRange((long)t["batch_size"], 32, 64));
        Assert.Contains(first, t => (string)t["arch"] == "mlp-128");
        Assert.Contains(first, t => (double)t["lr"] < 0.001);
    }

    private static string TrialConfig(Silo.Trials.TrialConfig trial) => trial.ToJson();

    [Fact]
    public void Bayes_stores_as_many_random_trials_as_startup_trials_says()
    {
        var sweep = Parse("method: bayes\nrun_cap: 20\nstartup_trials: 8\nparameters:\n  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.01}");

        Assert.Equal(8, sweep.Trials.Count);
        Assert.Equal(8, sweep.Space.StartupTrials);
        Assert.Equal(5, Parse("method: bayes\nrun_cap: 20\nparameters:\n  lr: {distribution: log_uniform_values, min: 0.0001, max: 0.01}").Trials.Count);
    }

    [Fact]
    public void A_pbt_sweep_stores_its_first_stretch_and_mutates_only_the_swept_options_that_may_change_while_training()
    {
        var sweep = Parse("""
            method: pbt
            base: {steps: 300, evaluate: last}
            parameters:
              lr: {distribution: log_uniform_values, min: 0.0001, max: 0.01}
              arch: {values: [mlp, mlp-128]}
            pbt: {population: 4, perturbation_interval: 100}
            """);

        Assert.Equal(4, sweep.Trials.Count);
        Assert.All(sweep.Trials, t => Assert.Equal(100L, t.Options.Steps));
        Assert.Equal(new PopulationSettings(4, 100, 300, 0.25, 0.25, ["lr"]) with { Mutations = sweep.Population!.Mutations }, sweep.Population);
        Assert.Equal(["lr"], sweep.Population.Mutations);
        Assert.Equal(3, sweep.Population.Stretches);
        Assert.Equal(8, sweep.Space.SearchMethod.Remaining(sweep.Space, 4));
    }

    [Theory]
    [InlineData("method: pbt\nbase: {steps: 300}\nparameters:\n  lr: {values: [0.1, 0.2]}\n  arch: {values: [mlp]}\npbt: {hyperparam_mutations: [lr, arch]}", 6, 34,
        "arch shapes the networks, the data or the optimizer, so a member cannot change it while it trains; pbt may mutate lr, lr_d, lr_g, beta1, beta2, momentum, label_smoothing, ema_decay")]
    [InlineData("method: pbt\nbase: {steps: 300}\nparameters:\n  lr: {values: [0.1, 0.2]}\npbt: {hyperparam_mutations: [beta1]}", 5, 30,
        "beta1 is not swept: give it values or a distribution under parameters, which explore draws from")]
    [InlineData("method: pbt\nbase: {epochs: 3}\nparameters:\n  lr: {values: [0.1, 0.2]}", 2, 7,
        "method: pbt trains every member for base's steps, in stretches of perturbation_interval; give steps in base (epochs are not split into stretches)")]
    [InlineData("method: pbt\nbase: {steps: 300}\nparameters:\n  lr: {values: [0.1, 0.2]}\npbt: {perturbation_interval: 300}", 5, 30,
        "pbt.perturbation_interval 300 must be less than steps 300, or the members are never compared")]
    [InlineData("method: pbt\nbase: {steps: 300}\nparameters:\n  arch: {values: [mlp, mlp-128]}", 1, 1,
        "method: pbt explores by changing swept options while the members train, and none of the swept ones may change: sweep one of lr, lr_d, lr_g, beta1, beta2, momentum, label_smoothing, ema_decay")]
    [InlineData("method: pbt\nbase: {steps: 300, evaluate: best}\nparameters:\n  lr: {values: [0.1, 0.2]}", 2, 7,
        "method: pbt compares members by the generator each stretch ends with; evaluate: best does not apply, so drop it")]
    [InlineData("method: replay\nparameters:\n  lr: {values: [0.1, 0.2]}", 1, 9,
        "method: replay trains a pbt trial's schedule again, and 'sweep replay ID' makes it from the stored trial; a sweep file cannot")]
    [InlineData("method: random\nrun_cap: 2\nparameters:\n  lr: {values: [0.1, 0.2]}\npbt: {population: 4}", 5, 6,
        "pbt configures method: pbt; method random does not use it")]
    [InlineData("method: pbt\nbase: {steps: 300000}\nparameters:\n  lr: {values: [0.1, 0.2]}\npbt: {population: 1000, perturbation_interval: 100}", 5, 19,
        "pbt trains 3000000 trials (population × stretches), more than the 100000 a sweep may hold; shrink the population or lengthen perturbation_interval")]
    public void A_pbt_sweep_file_that_asks_for_what_pbt_cannot_do_is_refused_where_it_asks(string text, int line, int column, string message)
    {
        var problem = OnlyProblem(text);

        Assert.Equal(message, problem.Message);
        Assert.Equal(new SourceLocation(line, column), problem.Location);
    }

    [Fact]
    public void Unknown_key_names_its_location_and_the_closest_key()
    {
        var problem = OnlyProblem("""
            parameters:
              lr: {values: [0.1]}
              label_smothing: {values: [0.1]}
            """);

        Assert.Equal("sweeps/test.yaml:3:3: unknown key 'label_smothing'; did you mean 'label_smoothing'?", problem.ToString());
    }

    [Theory]
    [InlineData("parameters:\n  lr: {values: [0]}", 2, 17, "lr = 0: must be greater than 0 and at most 100")]
    [InlineData("parameters:\n  lr: {values: [0.1, -1]}", 2, 22, "lr = -1: must be greater than 0 and at most 100")]
    [InlineData("parameters:\n  label_smoothing: {values: [0.5]}", 2, 30, "label_smoothing = 0.5: must be in [0, 0.5)")]
    [InlineData("parameters:\n  arch: {values: [resnet]}", 2, 19, "arch = 'resnet': must be one of mlp, mlp-128, dcgan, dcgan-small, toy")]
    [InlineData("parameters:\n  optimizer: {values: [adamw]}", 2, 24, "optimizer = 'adamw': must be one of adam, rmsprop, sgd")]
    [InlineData("parameters:\n  dataset: {values: [cifar10]}", 2, 22, "dataset = 'cifar10': must be one of mnist, fashion-mnist, gaussian, shapes, images")]
    [InlineData("parameters:\n  batch_size: {values: [0]}", 2, 25, "batch_size = 0: must be from 1 to 65536")]
    [InlineData("parameters:\n  data_std: {values: [0]}", 2, 23, "data_std = 0: must be greater than 0 and at most 1000000")]
    [InlineData("parameters:\n  data_mean: {values: [1e9]}", 2, 24, "data_mean = 1000000000: must be from -1000000 to 1000000")]
    [InlineData("parameters:\n  batch_size: {values: [abc]}", 2, 25, "'batch_size' must be a whole number, not 'abc'")]
    [InlineData("parameters:\n  lr: {values: []}", 2, 16, "'lr': values must be a non-empty list")]
    [InlineData("parameters:\n  lr: {distribution: uniform, min: 0.1, max: 0.2}", 2, 22, "'lr' has a uniform distribution, which a grid cannot enumerate; use method: random or list values")]
    [InlineData("method: random\nrun_cap: 3\nparameters:\n  lr: {distribution: uniform, min: 0.2, max: 0.1}", 4, 36, "'lr': min 0.2 is greater than max 0.1")]
    [InlineData("method: random\nparameters:\n  lr: {values: [0.1]}", 1, 9, "random search needs run_cap, the number of trials to draw")]
    [InlineData("run_cap: 2\nparameters:\n  lr: {values: [0.1, 0.2, 0.3]}", 1, 10, "the grid has 3 trials, more than run_cap 2; raise run_cap or sweep fewer values")]
    [InlineData("name: ../../etc/passwd\nparameters:\n  lr: {values: [0.1]}", 1, 7, "name '../../etc/passwd' must be 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit")]
    [InlineData("base: {lr: 0.1}\nparameters:\n  lr: {values: [0.1]}", 3, 3, "'lr' is both in base and in parameters; keep one")]
    [InlineData("base: {epochs: 2, steps: 10}\nparameters:\n  lr: {values: [0.1]}", 1, 7, "epochs = 2: give epochs or steps, not both")]
    // Values that used to pass validation and then wrap, overflow or fail in training.
    [InlineData("base: {batch_size: 4294967346}\nparameters:\n  lr: {values: [0.1]}", 1, 20, "batch_size = 4294967346: must be from 1 to 65536")]
    [InlineData("base: {steps: 9223372036854775807}\nparameters:\n  lr: {values: [0.1]}", 1, 15, "steps = 9223372036854775807: must be from 1 to 100000000")]
    [InlineData("parameters:\n  lr: {values: [1e308]}", 2, 17, "lr = 1E+308: must be greater than 0 and at most 100")]
    [InlineData("parameters:\n  seed: {values: [-1]}", 2, 19, "seed = -1: must be from 0 to 9223372036854775807")]
    [InlineData("parameters:\n  latent_size: {values: [99999999999]}", 2, 26, "latent_size = 99999999999: must be from 1 to 65536")]
    [InlineData("run_cap: 2147483647\nmethod: random\nparameters:\n  lr: {values: [0.1]}", 1, 10, "run_cap must be a whole number from 1 to 100000")]
    [InlineData("method: random\nrun_cap: 3\nstartup_trials: 2\nparameters:\n  lr: {values: [0.1]}", 3, 17, "startup_trials applies to method: bayes (the random trials before TPE proposes any); method random does not use it")]
    [InlineData("method: bayes\nrun_cap: 3\nstartup_trials: 0\nparameters:\n  lr: {values: [0.1]}", 3, 17, "startup_trials must be a whole number from 1 to 100000")]
    [InlineData("name: \"x\\n\"\nparameters:\n  lr: {values: [0.1]}", 1, 7, "name 'x\\n' must be 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit")]
    public void Each_invalid_value_is_reported_at_its_location(string text, int line, int column, string message)
    {
        var problem = OnlyProblem(text);

        Assert.Equal(new SourceLocation(line, column), problem.Location);
        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void Steps_and_d_steps_out_of_range_are_both_reported()
    {
        var problems = Problems("base: {steps: -1, d_steps: -1}\nparameters:\n  lr: {values: [0.1]}");

        Assert.Equal(["steps = -1: must be from 1 to 100000000", "d_steps = -1: must be from 1 to 1000"], problems.Select(p => p.Message));
    }

    [Fact]
    public void A_grid_whose_size_overflows_is_counted_without_expanding_it()
    {
        // 65536^4 wraps to 0 in 64-bit arithmetic, which once slipped past run_cap; 65535^4 overflows too.
        var values = "{values: [" + string.Join(", ", Enumerable.Range(2, 65535)) + "]}";
        // eval_samples starts at 6, the fewest that k-nearest-neighbour scores take.
        var evalSamples = "{values: [" + string.Join(", ", Enumerable.Range(6, 65535)) + "]}";
        var text = $"run_cap: 100\nparameters:\n  seed: {values}\n  latent_size: {values}\n  log_every: {values}\n  eval_samples: {evalSamples}\n";

        var problems = Problems(text);

        Assert.Contains(problems, p => p.Message == "the grid has more than 9.2e18 trials, more than the 100000 a sweep may hold; sweep fewer values");
    }

    [Fact]
    public void A_grid_over_the_default_cap_needs_an_explicit_run_cap()
    {
        var values = "{values: [" + string.Join(", ", Enumerable.Range(1, 40)) + "]}";
        var text = $"parameters:\n  seed: {values}\n  latent_size: {values}\n";

        var problem = OnlyProblem(text);

        Assert.Equal("the grid has 1600 trials, more than the default cap of 1000; add 'run_cap: 1600' to run them all", problem.Message);
        Assert.Equal(1600, Parse("run_cap: 1600\n" + text).Trials.Count);
    }

    [Fact]
    public void Deep_nesting_is_an_error_at_its_location_not_a_stack_overflow()
    {
        var text = "parameters: " + new string('[', 20_000) + new string(']', 20_000);

        var problem = OnlyProblem(text);

        Assert.Equal("nested more than 32 levels deep; a sweep file needs four", problem.Message);
        Assert.Equal(1, problem.Location!.Value.Line);
    }

    [Fact]
    public void A_long_name_is_quoted_cut_and_control_characters_are_escaped()
    {
        var problem = OnlyProblem($"name: \"\\e[2J{new string('a', 100_000)}\"\nparameters:\n  lr: {{values: [0.1]}}");

        Assert.StartsWith("name '\\x1B[2Jaaaa", problem.Message);
        Assert.Contains("… (99927 more characters)", problem.Message);
        Assert.True(problem.Message.Length < 300, problem.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Only_the_first_problems_are_listed_and_the_rest_counted()
    {
        var values = "{values: [" + string.Join(", ", Enumerable.Range(1, 500).Select(i => -i)) + "]}";

        var error = Assert.Throws<SweepFileException>(() => Parse($"parameters:\n  lr: {values}"));

        Assert.Equal(500, error.Problems.Count);
        Assert.Equal(SweepFileException.MaxListed + 1, error.Message.Split('\n').Length);
        Assert.EndsWith("… and 480 more problems; fix these first.", error.Message);
    }

    [Fact]
    public void Duplicate_keys_are_reported()
    {
        var problem = OnlyProblem("parameters:\n  lr: {values: [0.1]}\n  lr: {values: [0.2]}");

        Assert.Equal("sweeps/test.yaml:3:3: duplicate key 'lr'", problem.ToString());
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_at_once()
    {
        var problems = Problems("""
            method: grid
            runcap: 4
            parameters:
              lr: {values: [0]}
              batch_size: {values: [0]}
              arch: {distribution: uniform, min: 1, max: 2}
            """);

        Assert.Equal(4, problems.Count);
        Assert.Equal([2, 4, 5, 6], problems.Select(p => p.Location!.Value.Line));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("# only a comment\n", "the file is empty")]
    [InlineData("parameters: [unclosed", "not valid YAML")]
    [InlineData("metric: {name: fid, goal: minimize\nbase:\n  dataset: mnist\n", "not valid YAML")]
    [InlineData("- just\n- a list", "a sweep file is a mapping")]
    [InlineData("name: x", "no 'parameters'")]
    public void Files_that_are_not_sweeps_are_rejected(string text, string message)
    {
        Assert.Contains(message, OnlyProblem(text).Message);
    }

    [Fact]
    public void Load_throws_for_a_missing_file()
    {
        var error = Assert.Throws<SweepFileException>(() => SweepFileParser.Load("/no/such/sweep.yaml"));

        Assert.Equal("/no/such/sweep.yaml: no such file. Check the path, or see sweeps/ for examples.", error.Message);
    }

    [Fact]
    public void Name_defaults_to_the_file_name()
    {
        var sweep = SweepFileParser.Parse("parameters:\n  lr: {values: [0.1]}", "/tmp/My Sweep!.yaml");

        Assert.Equal("My-Sweep", sweep.Name);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Sweeps.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Sweeps.sln not found above the test folder.");
    }
}
