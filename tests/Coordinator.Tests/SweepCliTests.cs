using Coordinator.Cli;

public class SweepCliTests
{
    private static (int exitCode, string output, string error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SweepCli.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Run_returns_2_and_one_error_line_for_an_unknown_command()
    {
        var (exitCode, _, error) = Run("frobnicate");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.StartsWith("error: ", error);
        Assert.Contains("'frobnicate'", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Run_returns_2_for_an_unknown_option()
    {
        var (exitCode, _, error) = Run("info", "--colour");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("--colour", error);
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var (exitCode, output, _) = Run("--help");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("info", output);
    }

    [Fact]
    public void Info_reports_libtorch_and_an_optimised_blas()
    {
        var (exitCode, output, error) = Run("info");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Matches(@"libtorch\s+\d+\.\d+", output);
        Assert.Contains("blas          optimised", output);
        Assert.Equal("", error);
    }
}
