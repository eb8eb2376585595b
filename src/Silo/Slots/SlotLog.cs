namespace Silo.Slots;

/// <summary>Where a silo's slots say what happened to their trainers: the terminal's error stream, for `sweep run` and `sweep silo` alike.</summary>
/// <param name="Writer">The writer.</param>
public sealed record SlotLog(TextWriter Writer);
