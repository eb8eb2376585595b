using Coordinator.Cli;

public class SweepCliTests
{
    [Fact]
    public void Run_returns_2_and_one_error_line_for_an_unknown_command()
    {
        var (exitCode, _, error) = Cli.Run("frobnicate");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.StartsWith("error: ", error);
        Assert.Contains("'frobnicate'", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Run_returns_2_for_an_unknown_option()
    {
        var (exitCode, _, error) = Cli.Run("info", "--colour");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("--colour", error);
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var (exitCode, output, _) = Cli.Run("--help");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("info", output);
    }

    [Fact]
    public void Info_reports_the_torch_build_the_device_the_threads_and_the_blas()
    {
        var (exitCode, output, error) = Cli.Run("info");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Matches(@"libtorch\s+2\.10\.0 \((CPU|CUDA) build\)", output);
        Assert.Matches(@"TorchSharp\s+0\.107\.", output);
        Assert.Matches(@"device\s+(cpu|cuda:0) \(", output);
        Assert.Matches(@"cpu threads\s+\d+ of \d+ cores", output);
        Assert.Matches(@"blas\s+mkl", output);
        Assert.Equal("", error);
    }
}
