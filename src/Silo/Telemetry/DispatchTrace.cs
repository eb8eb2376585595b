using System.Globalization;

namespace Silo.Telemetry;

/// <summary>
/// Marks the moments a trial passes on its way from the queue to a slot and back, for
/// `bench/run.sh dispatch` to say where a short trial's time goes. Off unless the environment
/// names a folder in <see cref="Variable"/>, which trainer processes inherit: then each process
/// appends lines "TRIAL HOP UNIX_MICROSECONDS SLOT" to a file of its own there. The processes share
/// one machine's clock, so their marks compare.
/// </summary>
public static class DispatchTrace
{
    /// <summary>The environment variable that turns tracing on, naming the folder the marks go to.</summary>
    public const string Variable = "SWEEP_DISPATCH_TRACE";

    private static readonly StreamWriter? Writer = Open();
    private static readonly Lock Gate = new();

    /// <summary>Whether marks are written.</summary>
    public static bool On => Writer is not null;

    /// <summary>Marks that trial <paramref name="trial"/> reached <paramref name="hop"/> now, or at <paramref name="at"/>.</summary>
    /// <param name="trial">The trial's id.</param>
    /// <param name="hop">A name for the moment, one word.</param>
    /// <param name="slot">The slot, where the mark's process knows it: the silo's address and the slot's index.</param>
    /// <param name="at">When, if not now.</param>
    public static void Mark(long trial, string hop, string slot = "-", DateTime? at = null)
    {
        if (Writer is null)
            return;
        var micros = ((at ?? DateTime.UtcNow) - DateTime.UnixEpoch).Ticks / 10;
        lock (Gate)
            Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{trial} {hop} {micros} {slot}"));
    }

    private static StreamWriter? Open()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } folder)
            return null;
        Directory.CreateDirectory(folder);
        // A tracing run is a benchmark's: every line goes out at once, so a killed process loses none.
        return new StreamWriter(Path.Combine(folder, $"{Environment.ProcessId}.trace"), append: true) { AutoFlush = true };
    }
}
