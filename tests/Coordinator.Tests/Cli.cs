using Coordinator;
using Coordinator.Cli;

/// <summary>Runs the sweep command tree in this process, capturing its output.</summary>
internal static class Cli
{
    public static (int exitCode, string output, string error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SweepCli.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
