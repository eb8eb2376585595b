using Coordinator.Cli;
using Spectre.Console;

namespace Coordinator.Results;

/// <summary>A table of display strings, for people: a boxed table on the terminal, or Markdown. Every cell is cleaned of control characters.</summary>
/// <param name="Title">Printed above the box.</param>
/// <param name="Columns">Column headers.</param>
/// <param name="Rows">Cells, row by row.</param>
public sealed record TextTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Writes a boxed table; it is drawn with line characters only when <paramref name="output"/> is a terminal.</summary>
    public void Write(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 240;
        var grid = new Table().Title(Markup.Escape(TerminalText.Clean(Title))).Border(TableBorder.Rounded);
        foreach (var column in Columns)
            grid.AddColumn(new TableColumn(Cell(column)).RightAligned());
        foreach (var row in Rows)
            grid.AddRow(row.Select(Cell).ToArray());
        console.Write(grid);
    }

    /// <summary>Writes a Markdown table.</summary>
    public void WriteMarkdown(TextWriter output)
    {
        output.WriteLine("| " + string.Join(" | ", Columns.Select(MarkdownCell)) + " |");
        output.WriteLine("|" + string.Concat(Columns.Select(_ => " --- |")));
        foreach (var row in Rows)
            output.WriteLine("| " + string.Join(" | ", row.Select(MarkdownCell)) + " |");
    }

    private static string Cell(string text) => Markup.Escape(TerminalText.Clean(text));

    private static string MarkdownCell(string text) => TerminalText.Clean(text).Replace("|", "\\|");
}
