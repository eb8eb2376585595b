using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coordinator.Cli;

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
                output.WriteLine(new JsonArray([.. table.Rows.Select(ToJson)]).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
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

    private static JsonObject ToJson(ResultRow row)
    {
        var trial = row.Trial;
        var e = row.Evaluation;
        return new JsonObject
        {
            ["trial"] = trial.Id,
            ["index"] = trial.Index,
            ["status"] = trial.Status,
            ["config"] = new JsonObject(trial.Config.Select(p => KeyValuePair.Create(p.Key, JsonValue(p.Value)))),
            ["fid"] = Number(e?.Fid),
            ["coverage"] = e?.Coverage,
            ["classes"] = e?.ClassCounts.Length,
            ["classifier_score"] = Number(e?.ClassifierScore),
            ["largest_class_share"] = Number(e?.LargestClassShare),
            ["eval_samples"] = e?.Samples,
            ["final_step"] = row.Final?.Step,
            ["final_metrics"] = row.Final is { } f ? new JsonObject(f.Values.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Number(p.Value)))) : null,
            ["flags"] = new JsonArray([.. ResultsTable.FlagList(trial.Flags).Select(n => (JsonNode)n)]),
            ["error"] = trial.Error,
            ["attempts"] = trial.Attempts,
            ["step"] = trial.Step,
            ["total_steps"] = trial.TotalSteps,
            ["duration_s"] = Number(trial.Duration?.TotalSeconds),
            ["started"] = trial.Started?.ToString("O", CultureInfo.InvariantCulture),
            ["finished"] = trial.Finished?.ToString("O", CultureInfo.InvariantCulture),
        };
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
