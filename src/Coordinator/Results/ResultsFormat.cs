using System.Text.Json;
using Spectre.Console;

namespace Coordinator.Results;

/// <summary>The formats a results table prints in.</summary>
public enum ResultsFormat
{
    /// <summary>A boxed table for people.</summary>
    Table,
    /// <summary>Comma-separated values with a header row.</summary>
    Csv,
    /// <summary>A JSON array of objects keyed by column.</summary>
    Json,
    /// <summary>A Markdown table.</summary>
    Markdown,
}

/// <summary>Writes a <see cref="ResultsTable"/> in one of the <see cref="ResultsFormat"/>s.</summary>
public static class ResultsWriter
{
    /// <summary>Writes <paramref name="table"/> to <paramref name="output"/>.</summary>
    public static void Write(ResultsTable table, ResultsFormat format, TextWriter output)
    {
        switch (format)
        {
            case ResultsFormat.Csv:
                foreach (var line in new[] { table.Columns }.Concat(table.Rows))
                    output.WriteLine(string.Join(",", line.Select(Csv)));
                break;
            case ResultsFormat.Json:
                output.WriteLine(JsonSerializer.Serialize(
                    table.Rows.Select(row => table.Columns.Zip(row).ToDictionary(p => p.First, p => p.Second)),
                    new JsonSerializerOptions { WriteIndented = true }));
                break;
            case ResultsFormat.Markdown:
                output.WriteLine("| " + string.Join(" | ", table.Columns) + " |");
                output.WriteLine("|" + string.Concat(table.Columns.Select(_ => " --- |")));
                foreach (var row in table.Rows)
                    output.WriteLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|"))) + " |");
                break;
            default:
                var console = AnsiConsole.Create(new AnsiConsoleSettings
                {
                    Out = new AnsiConsoleOutput(output),
                    Ansi = output == Console.Out && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
                    ColorSystem = ColorSystemSupport.NoColors,
                });
                console.Profile.Width = 240;
                var grid = new Table().Title(table.Sweep).Border(TableBorder.Rounded);
                foreach (var column in table.Columns)
                    grid.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
                foreach (var row in table.Rows)
                    grid.AddRow(row.Select(Markup.Escape).ToArray());
                console.Write(grid);
                break;
        }
    }

    private static string Csv(string cell) =>
        cell.IndexOfAny([',', '"', '\n']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
}
