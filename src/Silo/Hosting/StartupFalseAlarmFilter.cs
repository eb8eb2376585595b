using Microsoft.Extensions.Logging;

namespace Silo.Hosting;

/// <summary>
/// Drops the one false alarm Orleans' watchdog raises at every silo start: "Participant check
/// thread has not completed for 00:33:30", where the time is the machine's uptime, because its
/// first check measures from a clock that has not been started yet. A stall reported as longer
/// than this process has lived cannot have happened; every real stall is still logged.
/// </summary>
internal sealed class StartupFalseAlarmFilter(ILoggerProvider inner) : ILoggerProvider
{
    private const string WatchdogCategory = "Orleans.Runtime.Watchdog";
    private const string StalledEvent = "LogWarningParticipantCheckThreadStalled";

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName == WatchdogCategory ? new Filtered(logger) : logger;
    }

    /// <inheritdoc />
    public void Dispose() => inner.Dispose();

    /// <summary>Whether an event is the impossible stall: longer than the process has been running.</summary>
    internal static bool IsFalseAlarm<TState>(EventId eventId, TState state) =>
        eventId.Name == StalledEvent && state is IReadOnlyList<KeyValuePair<string, object?>> values
        && values.Any(v => v.Value is TimeSpan stalled && stalled > Uptime);

    private static TimeSpan Uptime => DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime;

    private sealed class Filtered(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsFalseAlarm(eventId, state))
                inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
