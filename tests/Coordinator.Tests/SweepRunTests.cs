using Coordinator;
using Coordinator.Cli;
using Silo.Stores;
using Gan.Core.Metrics;
using Gan.Core.Training;

/// <summary>Whole sweeps through the real program: worker processes, the store, Ctrl-C and resume. About two minutes.</summary>
public sealed class SweepRunTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-run-" + Guid.NewGuid().ToString("N"));

    public SweepRunTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Database => Path.Combine(folder, "sweeps.db");

    private string SweepFile(string text)
    {
        var path = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_sweep_of_more_trials_than_the_table_holds_prints_the_best_rows_and_how_to_see_the_rest()
    {
        var file = SweepFile("""
            name: many
            method: random
            run_cap: 40
            metric: {name: wasserstein, goal: minimize}
            base: {dataset: gaussian, arch: toy, steps: 2, log_every: 1}
            parameters:
              lr: {distribution: log_uniform_values, min: 0.0001, max: 0.01}
            """);

        var (exitCode, output, error) = SweepProcess.Run("run", file, "--db", Database, "--workers", "2");

        Assert.True(exitCode == ExitCodes.Ok, output + error);
        var rows = output.Split('\n').Count(line => line.StartsWith("│ ", StringComparison.Ordinal) && !line.StartsWith("│ trial", StringComparison.Ordinal));
        Assert.Equal(Coordinator.Commands.SweepExecution.TableRows, rows);
        Assert.Contains("The best 25 of 40 trials. 'sweep show many' lists them all", output, StringComparison.Ordinal);
        var show = SweepProcess.Run("show", "many", "--db", Database);
        Assert.Equal(40, show.output.Split('\n').Count(line => line.StartsWith("│ ", StringComparison.Ordinal) && !line.StartsWith("│ trial", StringComparison.Ordinal)));
    }

    [Fact]
    public void With_a_dispatch_trace_every_trial_passes_every_hop_in_order()
    {
        var file = SweepFile("""
            name: traced
            method: grid
            metric: {name: wasserstein, goal: minimize}
            base: {dataset: gaussian, arch: toy, steps: 1, log_every: 1}
            parameters:
              seed: {values: [0, 1, 2, 3, 4, 5]}
            """);
        var trace = Path.Combine(folder, "trace");

        using (var traced = SweepProcess.StartWith(new Dictionary<string, string> { [Silo.Telemetry.DispatchTrace.Variable] = trace }, "run", file, "--db", Database, "--workers", "2"))
        {
            traced.WaitForExit();
            Assert.True(traced.Process.ExitCode == ExitCodes.Ok, traced.Output + traced.Error);
        }

        // The sweep process (scheduler and slots) and its two trainers, each writing a file of its own.
        Assert.Equal(3, Directory.GetFiles(trace, "*.trace").Length);
        var marks = Directory.GetFiles(trace, "*.trace").SelectMany(File.ReadAllLines).Select(line => line.Split(' '))
            .GroupBy(fields => long.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(trial => trial.Key, trial => trial.GroupBy(fields => fields[1]).ToDictionary(hop => hop.Key, hop => hop.Max(fields => long.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(6, marks.Count);
        string[] order = ["poll", "claiming", "claimed", "assigned", "received", "built", "trained", "end-start", "end-end", "finished", "noticed", "told"];
        Assert.All(marks.Values, trial => Assert.Equal(order, order.Where(trial.ContainsKey).OrderBy(hop => trial[hop]).ThenBy(hop => Array.IndexOf(order, hop))));
        // A one-step trial's writes (its record, grid, weights and scores) go in one transaction with its end.
        Assert.All(marks.Values, trial => Assert.Equal(["end-end", "end-start"], trial.Keys.Where(hop => hop.EndsWith("-start") || hop.EndsWith("-end")).Order()));
    }

    [Fact]
    public void A_sweep_runs_on_two_workers_contains_a_diverged_trial_and_show_prints_the_same_table()
    {
        var file = SweepFile("""
            name: e2e
            base: {steps: 400, log_every: 1, eval_samples: 200}
            parameters:
              lr: {values: [0.0005, 10]}
              seed: {values: [0, 1]}
            """);

        var (exitCode, output, error) = SweepProcess.Run("run", file, "--db", Database, "--workers", "2");

        Assert.True(exitCode == ExitCodes.Ok, output + error);
        using var store = SqliteSweepStore.OpenReadOnly(Database);
        var trials = store.Trials("e2e");
        Assert.Equal([TrialStates.Completed, TrialStates.Completed, TrialStates.Diverged, TrialStates.Diverged], trials.Select(t => t.Status));
        Assert.All(trials.Where(t => t.Status == TrialStates.Diverged), t => Assert.True(t.Flags.HasFlag(HealthFlags.Diverged)));
        Assert.Equal(2, trials.Select(t => t.Worker).Distinct().Count());
        // Two processes wrote a record every step into one file: none may be missing.
        foreach (var trial in trials.Where(t => t.Status == TrialStates.Completed))
        {
            var records = store.Metrics(trial.Id);
            Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), records.Select(r => r.Step));
            // The epoch end 400 steps in, here the last step, also carries the quick score and the final precision, recall, density and coverage.
            Assert.All(records, r => Assert.Equal(MetricNames.Averaged.Count + 1 + (r.Step == 400 ? 2 + 4 : 0), r.Values.Count));
            Assert.Equal([400L], records.Where(r => r.Values.ContainsKey(MetricNames.QuickFid)).Select(r => r.Step));
            Assert.NotNull(store.Evaluation(trial.Id));
        }

        var show = new StringWriter();
        Assert.Equal(ExitCodes.Ok, SweepCli.Run(["show", "e2e", "--db", Database], show, new StringWriter()));
        var table = show.ToString().TrimEnd();
        Assert.EndsWith(table, output.TrimEnd());
        Assert.Contains("diverged", table);

        var completed = trials.First(t => t.Status == TrialStates.Completed);
        var diverged = trials.First(t => t.Status == TrialStates.Diverged);
        var id = completed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (trialExit, trialText, _) = Cli.Run("trial", id, "--db", Database);
        Assert.Equal(ExitCodes.Ok, trialExit);
        Assert.Contains($"trial {id}: sweep e2e, #{completed.Index}, completed", trialText);
        Assert.Contains("curves (400 records, steps 1 to 400)", trialText);
        var (compareExit, compareText, _) = Cli.Run("compare", id, diverged.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", Database);
        Assert.Equal(ExitCodes.Ok, compareExit);
        Assert.Contains("diverged", compareText);
        Assert.Contains("0.0005", compareText);

        var grid = Path.Combine(folder, "grid.png");
        Assert.Equal(ExitCodes.Ok, Cli.Run("samples", id, "--epoch", "1", "-o", grid, "--db", Database).exitCode);
        Assert.Equal(store.Artifact(completed.Id, ArtifactKind.SampleGrid, 1)!.Bytes, File.ReadAllBytes(grid));
        Assert.Equal(ExitCodes.BadInput, Cli.Run("samples", id, "--epoch", "99", "-o", grid, "--db", Database).exitCode);

        var idx = Path.Combine(folder, "samples.idx.gz");
        Assert.Equal(ExitCodes.Ok, Cli.Run("generate", id, "-n", "30", "-o", idx, "--db", Database).exitCode);
        var samples = Gan.Core.Data.IdxFile.Read(idx);
        Assert.Equal([30, 28, 28], samples.Dimensions);
        Assert.True(samples.Data.Distinct().Count() > 10);
        var pngs = Path.Combine(folder, "pngs") + "/";
        Assert.Equal(ExitCodes.Ok, Cli.Run("generate", id, "-n", "3", "-o", pngs, "--db", Database).exitCode);
        Assert.Equal(3, Directory.GetFiles(pngs, "*.png").Length);
        // By default the generator the trial was scored by: its best, kept at an epoch end's quick score.
        var (bestExit, bestOutput, _) = Cli.Run("generate", id, "-n", "3", "-o", idx, "--db", Database);
        Assert.Equal(ExitCodes.Ok, bestExit);
        Assert.Contains($"generator of step {store.Evaluation(completed.Id)!.Step} ", bestOutput);
        Assert.Contains("generator of step 400 ", Cli.Run("generate", id, "--last", "-n", "3", "-o", idx, "--db", Database).output);
        // lr 10 diverges within the first epoch: no generator of it was ever kept.
        var divergedId = diverged.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (finalExit, _, finalError) = Cli.Run("generate", divergedId, "-n", "3", "-o", idx, "--db", Database);
        Assert.Equal(ExitCodes.BadInput, finalExit);
        Assert.Contains($"Trial {divergedId} diverged before its first quick score, so no generator of it was kept.", finalError);
        var (bestOnlyExit, _, bestOnlyError) = Cli.Run("generate", divergedId, "--best", "-n", "3", "-o", idx, "--db", Database);
        Assert.Equal(ExitCodes.BadInput, bestOnlyExit);
        Assert.Contains("Use --last", bestOnlyError);

        var (csvExit, csv, _) = Cli.Run("show", "e2e", "--format", "csv", "--sort", "lr", "--top", "2", "--db", Database);
        Assert.Equal(ExitCodes.Ok, csvExit);
        var lines = csv.TrimEnd().Split('\n');
        Assert.Equal("trial,lr,seed,fid,coverage,classifier_score,precision,recall,scored_step,D(x),D(G(z)),flags,status,duration_s,step,error", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.All(lines.Skip(1), line => Assert.Equal("0.0005", line.Split(',')[1]));
        var (jsonExit, json, _) = Cli.Run("show", "e2e", "--format", "json", "--db", Database);
        Assert.Equal(ExitCodes.Ok, jsonExit);
        var ranked = System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(4, ranked.Count);
        Assert.Equal("completed", ranked[0].GetProperty("status").GetString());
        Assert.Equal(ExitCodes.BadInput, Cli.Run("show", "e2e", "--sort", "colour", "--db", Database).exitCode);

        var (resumeExit, resumeText, _) = Cli.Run("resume", "e2e", "--db", Database);
        Assert.Equal(ExitCodes.Ok, resumeExit);
        Assert.Contains("Nothing to run: every trial has ended.", resumeText);

        Assert.Equal(ExitCodes.BadInput, Cli.Run("trial", "999", "--db", Database).exitCode);
        Assert.Equal(ExitCodes.BadInput, Cli.Run("run", file, "--db", Database).exitCode);
    }

    [Fact]
    public void Sigint_checkpoints_running_trials_and_resume_finishes_them_without_rerunning_completed_ones()
    {
        var file = SweepFile("""
            name: e2e-interrupt
            base: {log_every: 25, eval_samples: 200}
            parameters:
              steps: {values: [50, 1500]}
            """);

        using (var run = SweepProcess.Start("run", file, "--db", Database, "--workers", "1"))
        {
            // Events, not a clock: the sweep is stored, then the second trial has trained. A
            // loaded machine only makes them later, and an early exit fails at once.
            run.WaitFor(SecondTrialHasTrained, "the second trial's first records");
            SweepProcess.Signal(run.Process.Id, "INT");
            run.WaitForExit();
            Assert.True(run.Process.ExitCode == ExitCodes.Interrupted, run.Output + run.Error);
            Assert.Contains("sweep resume e2e-interrupt", run.Error);
        }

        TrialRecord first, second;
        using (var store = SweepStoreFactory.OpenReadOnly(StoreLocation.Parse(Database)))
        {
            (first, second) = (store.Trials("e2e-interrupt")[0], store.Trials("e2e-interrupt")[1]);
            Assert.Equal(TrialStates.Completed, first.Status);
            Assert.Equal(TrialStates.Interrupted, second.Status);
            // The interrupted trial keeps what resumes it; the finished one only its generators.
            Assert.NotNull(store.Artifact(second.Id, ArtifactKind.Checkpoint));
            Assert.Null(store.Artifact(first.Id, ArtifactKind.Checkpoint));
            Assert.NotNull(store.Artifact(first.Id, ArtifactKind.Generator));
            Assert.NotNull(store.Artifact(first.Id, ArtifactKind.BestGenerator));
        }
        // Weights are files beside the database, one per artifact kept; the database holds none of their bytes.
        var kept = Directory.GetFiles(Database + "-artifacts", "*.pt", SearchOption.AllDirectories)
            .Select(f => $"{Path.GetFileName(Path.GetDirectoryName(f))}/{Path.GetFileName(f).Split("-epoch")[0]}").Order();
        // The interrupted trial has a best generator once it has been scored at an epoch end.
        bool secondScored;
        using (var store = SweepStoreFactory.OpenReadOnly(StoreLocation.Parse(Database)))
            secondScored = store.Metrics(second.Id).Any(r => r.Values.ContainsKey(MetricNames.QuickFid));
        Assert.Equal([$"trial-{first.Id}/best-generator", $"trial-{first.Id}/generator", .. secondScored ? [$"trial-{second.Id}/best-generator"] : Array.Empty<string>(), $"trial-{second.Id}/checkpoint"], kept);
        Assert.Equal(0L, RawSql.Scalar(Database, "SELECT coalesce(sum(length(bytes)), 0) FROM artifacts WHERE kind <> 'sample-grid'"));

        var (exitCode, resumeOutput, resumeError) = SweepProcess.Run("resume", "e2e-interrupt", "--db", Database, "--workers", "1");

        Assert.True(exitCode == ExitCodes.Ok, resumeOutput + resumeError);
        Assert.Contains("1 trial to run, 1 of them from its checkpoint.", resumeOutput);
        using (var store = SqliteSweepStore.OpenReadOnly(Database))
        {
            var (firstAfter, secondAfter) = (store.Trials("e2e-interrupt")[0], store.Trials("e2e-interrupt")[1]);
            Assert.Equal((first.Status, first.Attempts, first.Worker, first.Started, first.Finished),
                (firstAfter.Status, firstAfter.Attempts, firstAfter.Worker, firstAfter.Started, firstAfter.Finished));
            Assert.Equal(TrialStates.Completed, secondAfter.Status);
            Assert.Equal(2, secondAfter.Attempts);
            Assert.Equal(1500, secondAfter.Step);
            // A record every 25 steps and at each epoch end (80 batches), each exactly once across the interruption.
            Assert.Equal(Enumerable.Range(1, 1500).Where(s => s % 25 == 0 || s % 80 == 0).Select(s => (long)s), store.Metrics(second.Id).Select(r => r.Step));
        }
    }

    private bool SecondTrialHasTrained()
    {
        if (!File.Exists(Database))
            return false;
        using var store = SqliteSweepStore.OpenReadOnly(Database);
        var trials = store.Trials("e2e-interrupt");
        return trials.Count == 2 && store.Metrics(trials[1].Id).Count >= 2;
    }
}
