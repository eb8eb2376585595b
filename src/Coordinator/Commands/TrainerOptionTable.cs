using Coordinator.Cli;
using Gan.Core.Training;

namespace Coordinator.Commands;

/// <summary>README's table of trainer options, made from their declarations (<see cref="TrainerOptionCatalog"/>).</summary>
public static class TrainerOptionTable
{
    /// <summary>The table in Markdown: flag, sweep-file key, default and meaning, one row an option.</summary>
    public static string Markdown()
    {
        var lines = new List<string> { "| option | sweep-file key | default | meaning |", "| --- | --- | --- | --- |" };
        foreach (var option in TrainerOptionCatalog.List)
        {
            var defaultText = option.DefaultHelp ?? option.Default switch
            {
                string text => $"`{text}`",
                { } value => TerminalText.Value(value),
                null => "",
            };
            lines.Add($"| `{option.Flag}` | `{option.Name}` | {defaultText} | {option.Help} |");
        }
        return string.Join('\n', lines) + '\n';
    }
}
