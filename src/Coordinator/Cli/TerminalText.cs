using Gan.Core.Training;
using Silo.Trials;
using System.Globalization;
using System.Text;

namespace Coordinator.Cli;

/// <summary>
/// Makes text that came from a user (a sweep file, a path, an option) safe to print: control
/// characters and Unicode format characters (bidi overrides, zero-width characters) become
/// visible escapes, so that a file cannot clear the screen, forge output or reorder what a line
/// seems to say, and quoted text is cut to a readable length.
/// </summary>
public static class TerminalText
{
    /// <summary>How much of a user's value an error message quotes.</summary>
    public const int QuoteLength = 80;

    /// <summary><paramref name="text"/> with every control or format character written as an escape (\n, \t, \x1B, \u009B, \u202E).</summary>
    public static string Clean(string text)
    {
        if (!text.Any(IsUnsafe))
            return text;
        var clean = new StringBuilder(text.Length + 16);
        foreach (var c in text)
            clean.Append(IsUnsafe(c) ? Escape(c) : c.ToString());
        return clean.ToString();
    }

    /// <summary>Like <see cref="Clean"/> but keeps line breaks, for multi-line messages.</summary>
    public static string CleanLines(string text) => string.Join('\n', text.Split('\n').Select(Clean));

    /// <summary><paramref name="text"/> cleaned and cut to <paramref name="length"/> characters, saying how much was left out.</summary>
    public static string Quote(string text, int length = QuoteLength)
    {
        var clean = Clean(text);
        return clean.Length <= length ? clean : $"{clean[..length]}… ({clean.Length - length} more characters)";
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private static string Escape(char c) =>
        c switch
        {
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            < '\u0100' => "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture),
            _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
        };

    /// <summary>A trial option's value as tables and messages show it: <see cref="TrainerOption.Format"/>, cleaned of control characters.</summary>
    public static string Value(object value) => Clean(TrainerOption.Format(value));

    /// <summary>Option <paramref name="name"/> of <paramref name="config"/> as tables show it; empty when the trial does not set it.</summary>
    public static string Value(TrialConfig config, string name) => config.TryGetValue(name, out var value) ? Value(value) : "";
}
