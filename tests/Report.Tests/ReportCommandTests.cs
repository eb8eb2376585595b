using Coordinator.Cli;

/// <summary>`sweep report`'s bad input: a clear line and exit 2, and no file left behind.</summary>
public sealed class ReportCommandTests(ReportSweeps sweeps) : IClassFixture<ReportSweeps>
{
    [Theory]
    [InlineData("nope", "", "No sweep named 'nope'")]
    [InlineData("tiny", "99", "trials: sweep 'tiny' has no trial 99. 'sweep show tiny' lists its trials.")]
    [InlineData("tiny", "1,x", "trials = '1,x': must be trial ids separated by commas, such as 3,5,8.")]
    public void Bad_input_is_named_and_writes_nothing(string sweep, string trials, string message)
    {
        var output = Path.Combine(sweeps.Folder, $"bad-{Guid.NewGuid():N}.html");
        string[] options = trials.Length > 0 ? ["--trials", trials] : [];

        var (exitCode, _, error) = SweepProcess.Run(["report", sweep, "--db", sweeps.Database, "-o", output, .. options]);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Trials_picks_the_trials_a_report_shows()
    {
        using var store = sweeps.Open();
        var first = store.Trials("tiny")[0].Id;

        var html = File.ReadAllText(sweeps.Report("tiny", "--trials", first.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains($"\"id\":{first},", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "\"status\":\""));
    }
}
