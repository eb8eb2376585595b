using System.Text.Json;
using Coordinator.Cli;
using Silo.Search;
using Silo.Stores;
using Silo.Trials;
using Coordinator.Sweeps;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Training;

/// <summary>`sweep show` in each format against a store filled through its own interface (a completed, a stopped and a queued trial): raw values for scripts, safe text for terminals.</summary>
public sealed class ResultsOutputTests : IDisposable
{
    private const string Escape = "\u001b[2J\u001b[31mFORGED";
    private const string StopMessage = "at step 1500: hyperband: fid_quick 410 at rung 1500 is outside the best 1/3 of the 3 trials there (cutoff 312), \"eta\" 3";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-results-" + Guid.NewGuid().ToString("N"));
    private readonly long completedId;
    private readonly long stoppedId;

    public ResultsOutputTests()
    {
        Directory.CreateDirectory(folder);
        using var store = SqliteSweepStore.Open(Database);
        var sweep = SweepFileParser.Parse("name: out\nparameters:\n  lr: {values: [0.00012345678901234, 0.001, 0.002]}", "out.yaml");
        // A stored configuration is text the store hands back as it is: one with escape sequences
        // in it (from a data_dir, say) must still never reach a terminal raw.
        var trials = sweep.Trials.Select(t => new TrialConfig(new Dictionary<string, object>(t) { ["data_dir"] = t["lr"] is 0.001 ? "/data" : Escape })).ToList();
        store.CreateSweep(sweep.ToNewSweep(), trials);
        var trial = store.Claim("out", "w", TimeSpan.FromMinutes(1))!;
        completedId = trial.Id;
        store.AddMetrics(trial.Claim!, new MetricRecord(4000, 50, new Dictionary<string, double>
        {
            [MetricNames.DReal] = 0.61234567890123,
            [MetricNames.DFakeBefore] = 0.38,
            [MetricNames.LossD] = double.NaN,
        }));
        store.SetEvaluation(trial.Claim!, new QualityReport(174.123456789, 10, 0.13, 7.9012345, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2000, false));
        store.Heartbeat(trial.Claim!, TimeSpan.FromMinutes(1), 4000, 4000);
        store.Finish(trial.Claim!, TrialStates.Completed, HealthFlags.None, null);
        var stopped = store.Claim("out", "w", TimeSpan.FromMinutes(1))!;
        stoppedId = stopped.Id;
        store.Heartbeat(stopped.Claim!, TimeSpan.FromMinutes(1), 1500, 4000);
        store.Finish(stopped.Claim!, TrialStates.Stopped, HealthFlags.None, StopMessage);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Database => Path.Combine(folder, "sweeps.db");

    [Fact]
    public void Each_score_has_one_name_in_the_table_csv_json_sort_and_sweep_files()
    {
        var image = ScoreCatalog.List.Where(s => s.Column == ScoreColumn.Image).Select(s => s.Name).ToList();
        var (_, csv, _) = Cli.Run("show", "out", "--format", "csv", "--db", Database);
        var (_, json, _) = Cli.Run("show", "out", "--format", "json", "--db", Database);
        var done = JsonDocument.Parse(json).RootElement.EnumerateArray().Single(r => r.GetProperty("trial").GetInt64() == completedId);

        Assert.Equal(["fid", "coverage", "classifier_score", "precision", "recall"], image);
        foreach (var name in image)
        {
            Assert.Contains(name, csv.Split('\n')[0].Split(','));
            // Precision and recall come from the last metric record, which this stored trial's lacks: null in JSON.
            if (ScoreCatalog.All[name].Value(new StoredEvaluation(0, 174.123456789, 10, 7.9012345, 0.13, 2000, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), null) is { } expected)
                Assert.Equal(expected, done.GetProperty(name).GetDouble());
            else
                Assert.Equal(JsonValueKind.Null, done.GetProperty(name).ValueKind);
            var (sortExit, _, sortError) = Cli.Run("show", "out", "--sort", name, "--db", Database);
            Assert.True(sortExit == ExitCodes.Ok, sortError);
        }
        foreach (var score in ScoreCatalog.List)
            Assert.Equal(score.Minimize, SweepFileParser.Parse($"metric: {{name: {score.Name}}}\nparameters:\n  lr: {{values: [0.001, 0.002]}}", "m.yaml").Metric.Minimize);
        Assert.Equal(ExitCodes.BadInput, Cli.Run("show", "out", "--sort", "score", "--db", Database).exitCode);
    }

    [Fact]
    public void Json_holds_numbers_at_full_precision_nulls_the_whole_config_and_seconds()
    {
        var (exitCode, output, _) = Cli.Run("show", "out", "--format", "json", "--db", Database);

        Assert.Equal(ExitCodes.Ok, exitCode);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        var done = rows.Single(r => r.GetProperty("trial").GetInt64() == completedId);
        Assert.Equal(174.123456789, done.GetProperty("fid").GetDouble());
        Assert.Equal(10, done.GetProperty("coverage").GetInt32());
        Assert.Equal(0.61234567890123, done.GetProperty("final_metrics").GetProperty(MetricNames.DReal).GetDouble());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("final_metrics").GetProperty(MetricNames.LossD).ValueKind);
        Assert.Equal(0.00012345678901234, done.GetProperty("config").GetProperty("lr").GetDouble());
        Assert.Equal(JsonValueKind.Number, done.GetProperty("duration_s").ValueKind);
        Assert.Equal(JsonValueKind.Array, done.GetProperty("flags").ValueKind);
        var queued = rows.Single(r => r.GetProperty("status").GetString() == "queued");
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("fid").ValueKind);
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("duration_s").ValueKind);
        var stopped = rows.Single(r => r.GetProperty("trial").GetInt64() == stoppedId);
        Assert.Equal(StopMessage, stopped.GetProperty("error").GetString());
        Assert.Equal(1500, stopped.GetProperty("step").GetInt64());
    }

    [Fact]
    public void Csv_holds_the_same_raw_values()
    {
        var (exitCode, output, _) = Cli.Run("show", "out", "--format", "csv", "--db", Database);

        Assert.Equal(ExitCodes.Ok, exitCode);
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal("trial,lr,data_dir,fid,coverage,classifier_score,precision,recall,scored_step,D(x),D(G(z)),flags,status,duration_s,step,error", lines[0]);
        var done = lines.Single(l => l.StartsWith($"{completedId},", StringComparison.Ordinal)).Split(',');
        // The evaluation here says no step, as older stores' do: scored_step stays empty; its last record holds no precision or recall.
        Assert.Equal(["0.00012345678901234", "\\x1B[2J\\x1B[31mFORGED", "174.123456789", "10", "7.9012345", "", "", "", "0.61234567890123", "0.38"], done[1..11]);
        Assert.True(double.Parse(done[13], System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.Equal(["4000", ""], done[14..]);
        // The stop message holds commas and quotes: it is one quoted cell, its quotes doubled.
        var stopped = lines.Single(l => l.StartsWith($"{stoppedId},", StringComparison.Ordinal));
        Assert.Contains(",stopped,", stopped);
        Assert.EndsWith($",1500,\"{StopMessage.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", stopped);
    }

    [Theory]
    [InlineData("table")]
    [InlineData("csv")]
    [InlineData("markdown")]
    [InlineData("json")]
    public void Escape_sequences_in_stored_text_never_reach_the_output_raw(string format)
    {
        var (exitCode, output, _) = Cli.Run("show", "out", "--format", format, "--db", Database);

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains(format == "json" ? "\\u001B[2J" : "\\x1B[2J", output);
    }

    [Fact]
    public void Trial_and_compare_print_stored_text_escaped()
    {
        var other = completedId + 1;
        var trial = Cli.Run("trial", completedId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", Database);
        var compare = Cli.Run("compare", completedId.ToString(System.Globalization.CultureInfo.InvariantCulture), other.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", Database);

        Assert.All([trial, compare], r => Assert.Equal(ExitCodes.Ok, r.exitCode));
        Assert.All([trial.output, compare.output], text => Assert.DoesNotContain('\u001b', text));
        Assert.Contains("\\x1B[2J", trial.output);
    }

    [Fact]
    public void A_bad_sort_column_is_bad_input_naming_the_columns()
    {
        var (exitCode, _, error) = Cli.Run("show", "out", "--sort", "colour", "--db", Database);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("No column 'colour' to sort by; the columns are trial, lr, data_dir, fid", error);
    }
}
