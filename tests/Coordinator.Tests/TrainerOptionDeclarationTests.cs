using Coordinator.Cli;
using Coordinator.Commands;
using Gan.Core.Training;

/// <summary>
/// Every trainer option is declared once (<see cref="TrainerOptionCatalog"/>); these tests read
/// each declaration and find it, unchanged, in the CLI, the sweep-file parser, the validator and
/// README, so that a new option needs nothing but its declaration.
/// </summary>
public class TrainerOptionDeclarationTests
{
    public static TheoryData<string> Options() => [.. TrainerOptionCatalog.List.Select(o => o.Name)];

    /// <summary>A value each kind's rule refuses: every whole-number option starts at 0 or more, every real rule refuses NaN.</summary>
    private static (string Written, object Value) BadValue(TrainerOption option) =>
        option.Kind switch
        {
            OptionKind.Integer => ("-1", -1L),
            OptionKind.Real => ("NaN", double.NaN),
            _ => ("no-such-value", "no-such-value"),
        };

    [Theory]
    [MemberData(nameof(Options))]
    public void The_train_command_has_the_declared_flag_help_and_rule(string name)
    {
        var option = TrainerOptionCatalog.All[name];
        var (_, help, _) = Cli.Run("train", "--help");
        Assert.Contains(option.Flag, help);
        Assert.Contains(option.Help[1..], help.ReplaceLineEndings(" "));

        if (option.Rule.Length == 0)
            return;
        var (written, value) = BadValue(option);
        var (exitCode, _, error) = Cli.Run("train", option.Flag, written, "--no-eval");
        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains(option.Statement(value)!, error);
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void A_sweep_file_takes_the_declared_key_and_states_its_rule(string name)
    {
        var option = TrainerOptionCatalog.All[name];
        if (option.Rule.Length == 0)
            return;
        var (written, value) = BadValue(option);
        var problem = Assert.Throws<Coordinator.Sweeps.SweepFileException>(() =>
            Coordinator.Sweeps.SweepFileParser.Parse($"method: grid\nbase:\n  {name}: {written}\nparameters:\n  seed:\n    values: [1, 2]\n", "bad.yaml"));
        Assert.Contains($"bad.yaml:3:", problem.Message);
        Assert.Contains(option.Statement(value)!, problem.Message);
    }

    [Fact]
    public void Text_longer_than_any_path_is_refused_with_the_bound_even_where_the_option_has_no_rule_of_its_own()
    {
        var path = new string('a', TrainerOption.MaxTextLength + 1);
        const string Bound = "(4097 characters): must be at most 4096 characters";

        var (exitCode, _, error) = Cli.Run("train", "--data-dir", path, "--no-eval");
        var problem = Assert.Throws<Coordinator.Sweeps.SweepFileException>(() =>
            Coordinator.Sweeps.SweepFileParser.Parse($"base:\n  data_dir: {path}\nparameters:\n  data_dir:\n    values: [{path}]\n", "long.yaml"));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("data_dir = 'aaaa", error);
        Assert.Contains(Bound, error);
        Assert.Contains($"long.yaml:2:", problem.Message);
        Assert.Contains(Bound, problem.Message);
    }

    [Fact]
    public void The_validator_checks_each_option_by_its_declaration()
    {
        var options = new TrainerOptions { BatchSize = 0, Beta1 = 1, Optimizer = "adamw", LatentSize = 0 };

        var problems = TrainerOptionsValidator.Validate(options);

        Assert.Equal(
            ["latent_size = 0: must be from 1 to 65536.", "optimizer = 'adamw': must be one of adam, rmsprop, sgd.", "beta1 = 1: must be in [0, 1).", "batch_size = 0: must be from 1 to 65536."],
            problems);
    }

    [Fact]
    public void README_lists_every_option_as_declared()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var table = TrainerOptionTable.Markdown();
        Assert.True(readme.Contains(table, StringComparison.Ordinal), "README's options table differs from the declarations; replace it with:\n" + table);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sweeps.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("Sweeps.sln not found above " + AppContext.BaseDirectory);
    }
}
