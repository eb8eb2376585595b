using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coordinator.Cli;
using Gan.Core.Training;
using Silo.Search;

namespace Coordinator.Results;

/// <summary>The formats a results table prints in.</summary>
public enum ResultsFormat
{
    /// <summary>A boxed table for people, rounded.</summary>
    Table,
    /// <summary>Comma-separated values with a header row: raw numbers, durations in seconds, then each trial's step and error.</summary>
    Csv,
    /// <summary>A JSON array with one object per trial: raw numbers, nulls, the whole configuration, every final metric.</summary>
    Json,
    /// <summary>A Markdown table, rounded as the boxed one.</summary>
    Markdown,
}

/// <summary>Writes a <see cref="ResultsTable"/> in one of the <see cref="ResultsFormat"/>s: rounded for people, whole for scripts.</summary>
public static class ResultsWriter
{
    /// <summary>Writes <paramref name="table"/> to <paramref name="output"/>.</summary>
    public static void Write(ResultsTable table, ResultsFormat format, TextWriter output)
    {
        switch (format)
        {
            case ResultsFormat.Csv:
                WriteCsv(table, output);
                break;
            case ResultsFormat.Json:
                WriteJson(table, output);
                break;
            case ResultsFormat.Markdown:
                table.ToText().WriteMarkdown(output);
                break;
            default:
                table.ToText().Write(output);
                break;
        }
    }

    private static void WriteCsv(ResultsTable table, TextWriter output)
    {
        // The same columns as the table, with raw values: the duration in seconds says so in its name.
        // The table's status says where and by which rule a trial stopped; the raw status does not,
        // so the step reached and the message (why it stopped or failed) follow as columns of their own.
        output.WriteLine(string.Join(",", table.Columns.Select(c => c.Name == "duration" ? "duration_s" : c.Name).Append("step").Append("error").Select(Csv)));
        foreach (var row in table.Rows)
            output.WriteLine(string.Join(",", table.Columns.Select(c => c.Value(row)).Append(row.Trial.Step).Append(row.Trial.Error).Select(v => Csv(Raw(v)))));
    }

    /// <summary>An indented JSON array, written a row at a time rather than built whole: a sweep of 100,000 toy trials is 120 MB of it.</summary>
    private static void WriteJson(ResultsTable table, TextWriter output)
    {
        if (table.Rows.Count == 0)
        {
            output.WriteLine("[]");
            return;
        }
        output.WriteLine("[");
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var element = ToJson(table.Rows[i]).ToJsonString(Indented).ReplaceLineEndings("\n  ");
            output.Write("  " + element);
            output.WriteLine(i < table.Rows.Count - 1 ? "," : "");
        }
        output.WriteLine("]");
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static JsonObject ToJson(ResultRow row)
    {
        var trial = row.Trial;
        var e = row.Evaluation;
        var json = new JsonObject
        {
            ["trial"] = trial.Id,
            ["index"] = trial.Index,
            ["status"] = trial.Status,
            ["config"] = new JsonObject(trial.Config.Select(p => KeyValuePair.Create(p.Key, JsonValue(p.Value)))),
        };
        // Every image score by its one name (the evaluation's, and those recorded at the end); the toy lab's are in final_metrics.
        foreach (var score in ScoreCatalog.List.Where(s => s.Column != ScoreColumn.Toy))
            json[score.Name] = Number(score.Value(e, row.Final));
        json["classes"] = e?.ClassCounts.Length;
        json["eval_samples"] = e?.Samples;
        json["final_step"] = row.Final?.Step;
        json["final_metrics"] = row.Final is { } f ? new JsonObject(f.Values.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Number(p.Value)))) : null;
        json["flags"] = new JsonArray([.. HealthFlagNames.In(trial.Flags).Select(n => (JsonNode)n)]);
        json["error"] = trial.Error;
        json["attempts"] = trial.Attempts;
        json["step"] = trial.Step;
        json["total_steps"] = trial.TotalSteps;
        json["duration_s"] = Number(trial.Duration?.TotalSeconds);
        json["started"] = trial.Started?.ToString("O", CultureInfo.InvariantCulture);
        json["finished"] = trial.Finished?.ToString("O", CultureInfo.InvariantCulture);
        return json;
    }

    // JSON has no NaN or infinity: a value that is not finite is written as null.
    private static JsonNode? Number(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static JsonNode? JsonValue(object value) =>
        value switch
        {
            double d => Number(d),
            long l => l,
            _ => value.ToString(),
        };

    private static string Raw(object? value) =>
        value switch
        {
            null => "",
            double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

    private static string Csv(string cell)
    {
        // A CSV file may well be printed: its text is cleaned of control characters too.
        var clean = TerminalText.Clean(cell);
        return clean.IndexOfAny([',', '"']) < 0 ? clean : "\"" + clean.Replace("\"", "\"\"") + "\"";
    }
}
