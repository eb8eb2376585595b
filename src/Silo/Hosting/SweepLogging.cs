using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>
    /// Logs at the level SWEEP_LOG names, or else at <paramref name="fallback"/> with
    /// <paramref name="quiet"/> categories held to errors.
    /// </summary>
    public static ILoggingBuilder SetSweepLevel(this ILoggingBuilder logging, LogLevel fallback, params string[] quiet)
    {
        logging.SetMinimumLevel(Chosen ?? fallback);
        if (Chosen is null)
            foreach (var category in quiet)
                logging.AddFilter(category, LogLevel.Error);
        return logging;
    }

    /// <summary>The level SWEEP_LOG names; null when it is unset or names none.</summary>
    private static LogLevel? Chosen =>
        Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable(Variable), ignoreCase: true, out var level) ? level : null;

    /// <summary>
    /// Adds a console logger that writes every level to standard error, a line per message, less
    /// the watchdog's false alarm at start-up (<see cref="StartupFalseAlarmFilter"/>).
    /// </summary>
    public static ILoggingBuilder AddSweepConsole(this ILoggingBuilder logging)
    {
        logging.AddSimpleConsole(o => o.SingleLine = true).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var console = logging.Services.Single(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider));
        logging.Services.Remove(console);
        logging.Services.AddSingleton<ILoggerProvider>(services => new StartupFalseAlarmFilter(ActivatorUtilities.CreateInstance<ConsoleLoggerProvider>(services)));
        return logging;
    }
}
