using System.Text;
using Coordinator.Cli;

namespace Coordinator.Results;

/// <summary>A table of display strings, for people: a boxed table, or Markdown. Every cell is cleaned of control characters.</summary>
/// <param name="Title">Printed above the box.</param>
/// <param name="Columns">Column headers.</param>
/// <param name="Rows">Cells, row by row.</param>
public sealed record TextTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>
    /// Writes a boxed table with rounded corners, every cell right-aligned, its title centred above
    /// it; a row is written as soon as it is laid out, so a table of 100,000 trials takes a second or two.
    /// </summary>
    /// <remarks>
    /// It draws what Spectre.Console's rounded table drew here, which laid out every cell of the
    /// whole table before writing any and took ten seconds for 100,000 rows.
    /// </remarks>
    public void Write(TextWriter output)
    {
        var header = Columns.Select(TerminalText.Clean).ToList();
        var rows = Rows.Select(row => row.Select(TerminalText.Clean).ToList()).ToList();
        var widths = header.Select((h, i) => rows.Aggregate(h.Length, (w, row) => Math.Max(w, row[i].Length))).ToList();
        var width = widths.Sum() + 3 * widths.Count + 1;
        var title = TerminalText.Clean(Title);
        if (title.Length > 0)
        {
            var left = Math.Max(width - title.Length, 0) / 2;
            output.WriteLine(new string(' ', left) + title + new string(' ', Math.Max(width - title.Length - left, 0)));
        }
        output.WriteLine(Rule('╭', '┬', '╮'));
        output.WriteLine(Line(header));
        if (rows.Count > 0)
            output.WriteLine(Rule('├', '┼', '┤'));
        foreach (var row in rows)
            output.WriteLine(Line(row));
        output.WriteLine(Rule('╰', '┴', '╯'));

        string Rule(char left, char middle, char right) =>
            left + string.Join(middle, widths.Select(w => new string('─', w + 2))) + right;

        string Line(IReadOnlyList<string> cells)
        {
            var line = new StringBuilder("│");
            for (var i = 0; i < cells.Count; i++)
                line.Append(' ').Append(cells[i].PadLeft(widths[i])).Append(" │");
            return line.ToString();
        }
    }

    /// <summary>Writes a Markdown table.</summary>
    public void WriteMarkdown(TextWriter output)
    {
        output.WriteLine("| " + string.Join(" | ", Columns.Select(MarkdownCell)) + " |");
        output.WriteLine("|" + string.Concat(Columns.Select(_ => " --- |")));
        foreach (var row in Rows)
            output.WriteLine("| " + string.Join(" | ", row.Select(MarkdownCell)) + " |");
    }

    private static string MarkdownCell(string text) => TerminalText.Clean(text).Replace("|", "\\|");
}
