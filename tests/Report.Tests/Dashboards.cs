using System.Text.RegularExpressions;

/// <summary>`sweep dashboard` processes on free ports.</summary>
internal static partial class Dashboards
{
    /// <summary>Starts `sweep dashboard` with <paramref name="store"/> options on a free port; the process and the URL it serves.</summary>
    public static (RunningSweep process, string url) Start(params string[] store)
    {
        var dashboard = SweepProcess.Start(["dashboard", .. store, "--port", "0"]);
        dashboard.WaitFor(() => Address().IsMatch(dashboard.Output), "the dashboard starting");
        return (dashboard, Address().Match(dashboard.Output).Value);
    }

    [GeneratedRegex(@"http://[0-9.:]+/")]
    private static partial Regex Address();
}
