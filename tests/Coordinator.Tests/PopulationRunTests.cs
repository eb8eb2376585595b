using Coordinator.Cli;
using Coordinator.Sweeps;
using Gan.Core.Metrics;
using Silo.Stores;

/// <summary>
/// method: pbt through the real program, on the MLP GAN and the shipped digits: a population of
/// four trains three stretches; the member planted with a learning rate 1000× too small copies a
/// better member's checkpoint at the first comparison, and scores like it; every later stretch goes
/// on from a kept checkpoint; none of the kept checkpoints outlives the sweep; and the best trial's
/// schedule, replayed from scratch, ends with the same generator. About a minute.
/// </summary>
public sealed class PopulationRunTests : IDisposable
{
    private const double Good = 2e-4;
    private const double Planted = 2e-7;
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-pbt-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Database => Path.Combine(folder, "sweeps.db");

    private static string SweepText(int seed) => $"""
        name: pbt
        method: pbt
        random_seed: {seed}
        base: {"{"}steps: 300, log_every: 50, score_every: 100, eval_samples: 200{"}"}
        parameters:
          lr: {"{"}values: [{Good}, {Planted}]{"}"}
        pbt: {"{"}population: 4, perturbation_interval: 100{"}"}
        """;

    [Fact]
    public void A_member_planted_with_a_learning_rate_far_too_small_copies_a_better_one_within_one_interval()
    {
        // The first seed whose random draws plant the small rate in exactly one member.
        var seed = Enumerable.Range(0, 100).First(s => SweepFileParser.Parse(SweepText(s), "pbt.yaml").Trials.Count(t => t.Options.Lr == Planted) == 1);
        var file = Path.Combine(folder, "pbt.yaml");
        File.WriteAllText(file, SweepText(seed));

        var (exitCode, output, error) = SweepProcess.Run("run", file, "--db", Database);

        Assert.True(exitCode == ExitCodes.Ok, output + error);
        Assert.Contains("Sweep pbt: pbt: a population of 4, 3 stretches of 100 steps (12 trials)", output);
        using var store = SweepStoreFactory.OpenReadOnly(StoreLocation.Parse(Database));
        var trials = store.Trials("pbt");
        var fid = store.Evaluations("pbt");
        Assert.Equal(12, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialStates.Completed, t.Status));
        Assert.Equal([100L, 100, 100, 100, 200, 200, 200, 200, 300, 300, 300, 300], trials.Select(t => t.Config.Options.Steps!.Value));
        Assert.All(trials.Take(4), t => Assert.Null(t.Parent));
        var stretchOf = trials.ToDictionary(t => t.Id, t => (t.Index - 1) / 4);
        Assert.All(trials.Skip(4), t => Assert.Equal(stretchOf[t.Id] - 1, stretchOf[t.Parent!.Value]));

        var planted = trials.Take(4).Single(t => t.Config.Options.Lr == Planted);
        var next = trials[planted.Index - 1 + 4];
        var source = trials.Single(t => t.Id == next.Parent);
        Assert.NotEqual(planted.Id, source.Id);
        Assert.Equal(Good, source.Config.Options.Lr);
        // It went on from the copy: its records start where the source's ended, and it scores like a member that trained.
        Assert.InRange(store.Metrics(next.Id).First().Step, 101, 150);
        Assert.True(fid[next.Id].Fid < fid[planted.Id].Fid, $"FID {fid[next.Id].Fid} after the copy, {fid[planted.Id].Fid} before");
        // Its schedule: its own first stretch, then the copy.
        var shown = SweepProcess.Run("trial", next.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", Database);
        Assert.True(shown.exitCode == ExitCodes.Ok, shown.error);
        var schedule = shown.output.Split('\n').Where(l => l.Contains(" 0–100 │", StringComparison.Ordinal) || l.Contains(" 100–200 │", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, schedule.Count);
        Assert.Equal(source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), schedule[0].Split('│')[2].Trim());
        Assert.Contains($"copied trial {source.Id}", schedule[1]);
        // The results say whose stretch each trial is: the planted member's rows, sorted by member.
        var table = SweepProcess.Run("show", "pbt", "--sort", "member", "--format", "csv", "--db", Database);
        Assert.True(table.exitCode == ExitCodes.Ok, table.error);
        var lines = table.output.Trim().Split('\n');
        Assert.Equal(["trial", "member", "steps", "lr"], lines[0].Split(",").Take(4));
        var plantedMember = (planted.Index - 1) % 4;
        Assert.Equal([planted.Id, next.Id, trials[next.Index - 1 + 4].Id], lines.Skip(1 + 3 * plantedMember).Take(3).Select(l => long.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(lines.Skip(1 + 3 * plantedMember).Take(3), l => Assert.Equal(plantedMember.ToString(System.Globalization.CultureInfo.InvariantCulture), l.Split(',')[1]));
        // What the population kept for its next stretches is gone with the sweep.
        Assert.All(trials, t => Assert.Null(store.Artifact(t.Id, ArtifactKind.Checkpoint)));
        Assert.All(trials, t => Assert.NotNull(store.Artifact(t.Id, ArtifactKind.Generator)));

        // The best member's schedule, trained again from scratch, ends where it did.
        var best = trials.Skip(8).MinBy(t => fid[t.Id].Fid)!;
        var replay = SweepProcess.Run("replay", best.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", Database);
        Assert.True(replay.exitCode == ExitCodes.Ok, replay.output + replay.error);
        Assert.Contains($"Sweep pbt-replay-{best.Id}: replay: 3 stretches to step 300, one after the other, the schedule of trial {best.Id} of pbt", replay.output);
        using var replayed = SweepStoreFactory.OpenReadOnly(StoreLocation.Parse(Database));
        var stretches = replayed.Trials($"pbt-replay-{best.Id}");
        Assert.Equal(3, stretches.Count);
        Assert.Equal(stretches.SkipLast(1).Select(t => (long?)t.Id), stretches.Skip(1).Select(t => t.Parent));
        Assert.Equal(fid[best.Id].Fid, replayed.Evaluation(stretches[^1].Id)!.Fid, precision: 6);
        Assert.All(stretches, t => Assert.Null(replayed.Artifact(t.Id, ArtifactKind.Checkpoint)));
    }
}
