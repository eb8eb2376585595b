using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Silo.Hosting;

/// <summary>
/// Logging for silos and clients: to standard error, which keeps standard output for what
/// commands print, at the level SWEEP_LOG names (trace, debug, information, warning, error,
/// critical, none), or the command's own default.
/// </summary>
public static class SweepLogging
{
    /// <summary>The variable that sets the level.</summary>
    public const string Variable = "SWEEP_LOG";

    /// <summary>The level SWEEP_LOG names, or <paramref name="fallback"/> when it is unset or names none.</summary>
    public static LogLevel Level(LogLevel fallback) =>
        Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable(Variable), ignoreCase: true, out var level) ? level : fallback;

    /// <summary>Adds a console logger that writes every level to standard error, a line per message.</summary>
    public static ILoggingBuilder AddSweepConsole(this ILoggingBuilder logging) =>
        logging.AddSimpleConsole(o => o.SingleLine = true).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}
