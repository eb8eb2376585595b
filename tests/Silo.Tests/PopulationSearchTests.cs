using Silo.Search;
using Silo.Stores;
using Silo.Trials;

/// <summary>
/// PBT's decisions between two stretches: a planted member (a learning rate 1000× too small, the
/// worst score) copies a top member and explores from its options within one interval; the others
/// go on from their own checkpoints unchanged; nothing is proposed while a member still trains; the
/// stretch before last is released; and the same outcomes give the same schedule.
/// </summary>
public sealed class PopulationSearchTests
{
    private static readonly PopulationSettings Population = new(Size: 4, Interval: 100, TotalSteps: 300, QuantileFraction: 0.25, ResampleProbability: 0.25, Mutations: ["lr"]);

    private static readonly SearchSpace Space = new(
        new Dictionary<string, object> { ["dataset"] = "mnist", ["steps"] = 300L },
        [
            new RangeParameter("lr", Distribution.LogUniformValues, 1e-7, 1e-2),
            new ValuesParameter("arch", ["mlp", "mlp-128"]),
        ],
        Seed: 11, RunCap: 100_000)
    { Method = PopulationSearch.MethodName, Population = Population };

    private static readonly PopulationSearch Search = new();

    /// <summary>The first stretch, stored as trials 1 to 4, member 3 planted at lr 2e-7 and scored worst.</summary>
    private static List<SearchObservation> FirstStretch(bool lastEnded = true)
    {
        var members = Search.InitialTrials(Space);
        double[] losses = [40, 25, 60, 900];
        return [.. members.Select((config, i) => new SearchObservation(i == 3 ? With(config, "lr", 2e-7) : config, losses[i]) { TrialId = i + 1, Ended = i < 3 || lastEnded })];
    }

    private static TrialConfig With(TrialConfig config, string name, object value) =>
        new(config.Select(p => p.Key == name ? KeyValuePair.Create(name, value) : p));

    [Fact]
    public void The_population_starts_as_random_draws_trained_for_one_stretch_and_scored_on_their_last_generator()
    {
        var members = Search.InitialTrials(Space);

        Assert.Equal(4, members.Count);
        Assert.All(members, m => Assert.Equal((100L, "last"), (m.Options.Steps, m.Options.Evaluate)));
        Assert.Equal(Space.RandomTrials(4).Select(c => c["lr"]), members.Select(m => m["lr"]));
        Assert.Equal(8, Search.Remaining(Space, 4));
    }

    [Fact]
    public void A_planted_member_copies_the_best_and_explores_from_its_options_while_the_others_go_on_unchanged()
    {
        var history = FirstStretch();

        var next = Enumerable.Range(4, 4).Select(i => Search.Propose(Space, history, i)!).ToList();

        // Member 3 (trial 4) copies trial 2, the top quarter, and perturbs its lr, ×0.8 or ×1.2, or draws it afresh.
        var exploit = next[3];
        Assert.Equal(2, exploit.Parent);
        var best = (double)history[1].Config["lr"];
        var lr = (double)exploit.Config["lr"];
        Assert.True(Math.Abs(lr - 0.8 * best) < 1e-12 || Math.Abs(lr - 1.2 * best) < 1e-12 || (lr >= 1e-7 && lr <= 1e-2), $"lr {lr} from {best}");
        Assert.NotEqual(2e-7, lr);
        // What explore may not change comes from the member it copies: the networks must fit its checkpoint.
        Assert.Equal(history[1].Config["arch"], exploit.Config["arch"]);
        for (var member = 0; member < 3; member++)
        {
            Assert.Equal(member + 1, next[member].Parent);
            Assert.Equal(history[member].Config.Where(p => p.Key != "steps"), next[member].Config.Where(p => p.Key != "steps"));
        }
        Assert.All(next, p => Assert.Equal(200L, p.Config.Options.Steps));
        Assert.All(next, p => Assert.Empty(p.Released));
    }

    [Fact]
    public void Nothing_is_proposed_while_a_member_still_trains_its_stretch()
    {
        Assert.Null(Search.Propose(Space, FirstStretch(lastEnded: false), 4));
    }

    [Fact]
    public void A_member_whose_stretch_failed_goes_on_from_a_top_member_and_a_population_with_none_completed_ends()
    {
        var history = FirstStretch();
        history[1] = history[1] with { Loss = null };

        Assert.Equal(1, Search.Propose(Space, history, 5)!.Parent);
        var none = history.Select(o => o with { Loss = null }).ToList();
        Assert.Throws<InvalidOperationException>(() => Search.Propose(Space, none, 4));
    }

    [Fact]
    public void The_third_stretch_releases_the_first_and_ends_at_the_last_step()
    {
        var history = FirstStretch();
        history.AddRange(Enumerable.Range(4, 4).Select(i => new SearchObservation(Search.Propose(Space, history, i)!.Config, 10 + i) { TrialId = i + 1, Ended = true }));

        var first = Search.Propose(Space, history, 8)!;
        var second = Search.Propose(Space, history, 9)!;

        Assert.Equal([1L, 2, 3, 4], first.Released);
        Assert.Empty(second.Released);
        Assert.Equal(300L, first.Config.Options.Steps);
        Assert.False(Search.KeepsCheckpoint(Space, first.Config));
        Assert.True(Search.KeepsCheckpoint(Space, history[4].Config));
        Assert.Equal(0, Search.Remaining(Space, 12));
    }

    [Fact]
    public void The_same_scores_give_the_same_schedule()
    {
        var a = Enumerable.Range(4, 4).Select(i => Search.Propose(Space, FirstStretch(), i)!.Config.ToJson());
        var b = Enumerable.Range(4, 4).Select(i => Search.Propose(Space, FirstStretch(), i)!.Config.ToJson());

        Assert.Equal(a, b);
    }

    [Fact]
    public void A_population_that_ends_drops_the_checkpoints_it_kept_but_a_failed_stretch_keeps_its_own()
    {
        var folder = Directory.CreateTempSubdirectory("sweep-settle-").FullName;
        try
        {
            using var store = SweepStoreFactory.Open(StoreLocation.Parse(Path.Combine(folder, "sweeps.db")));
            store.CreateSweep(new NewSweep("p", "method: pbt", "fid", true) { Search = Space.ToJson() }, Search.InitialTrials(Space));
            // Four first stretches end: completed, stopped by a budget, diverged and failed, each keeping its checkpoint for the next.
            string[] ends = [TrialStates.Completed, TrialStates.Stopped, TrialStates.Diverged, TrialStates.Failed];
            foreach (var end in ends)
            {
                var trial = store.Claim("p", "w", TimeSpan.FromMinutes(1))!;
                store.AddArtifact(trial.Claim!, new Gan.Core.Metrics.TrialArtifact(Gan.Core.Metrics.ArtifactKind.Checkpoint, 1, 100, [1]));
                Assert.True(SweepSearch.KeepsCheckpoint(store.FindSweep("p")!, trial));
                store.Finish(trial.Claim!, end, Gan.Core.Training.HealthFlags.None, null, keepCheckpoint: true);
            }

            SweepSearch.Settle(store, "p");

            Assert.Equal(ends.Select(e => e == TrialStates.Failed), store.Trials("p").Select(t => store.Artifact(t.Id, Gan.Core.Metrics.ArtifactKind.Checkpoint) is not null));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_stored_space_keeps_the_population_settings()
    {
        var read = SearchSpace.FromJson(Space.ToJson());

        Assert.Equal(Population with { Mutations = [] }, read.Population! with { Mutations = [] });
        Assert.Equal(Population.Mutations, read.Population!.Mutations);
        Assert.IsType<PopulationSearch>(read.SearchMethod);
    }
}
