using Silo.Search;
using Silo.Stores;
using Silo.Trials;

/// <summary>
/// PBT's decisions as members end their stretches: a planted member (a learning rate 1000× too
/// small, the worst score) copies a top member and explores from its options within one interval;
/// the others go on from their own checkpoints unchanged; a member goes on as soon as it and one
/// other have ended a stretch, ranked against those that have; the member furthest behind goes
/// first; a stretch's checkpoint is released once no stretch can start from it; and the same
/// outcomes give the same schedule.
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

    /// <summary>The first stretch, stored as trials 1 to 4, member 3 planted at lr 2e-7 and scored worst; those past <paramref name="ended"/> still train.</summary>
    private static List<SearchObservation> FirstStretch(int ended = 4)
    {
        var members = Search.InitialTrials(Space);
        double[] losses = [40, 25, 60, 900];
        return [.. members.Select((config, i) => new SearchObservation(i == 3 ? With(config, "lr", 2e-7) : config, losses[i]) { TrialId = i + 1, Index = i + 1, Ended = i < ended })];
    }

    private static TrialConfig With(TrialConfig config, string name, object value) =>
        new(config.Select(p => p.Key == name ? KeyValuePair.Create(name, value) : p));

    /// <summary>Every trial the search proposes from <paramref name="history"/>, each stored (as a trial that trains) before the next is asked for, as the scheduler does.</summary>
    private static List<Proposal> ProposeAll(List<SearchObservation> history)
    {
        var proposed = new List<Proposal>();
        while (Search.Propose(Space, history, history.Count) is { } proposal)
        {
            proposed.Add(proposal);
            history.Add(new SearchObservation(proposal.Config, null) { TrialId = proposal.Index!.Value, Index = proposal.Index.Value, Parent = proposal.Parent });
        }
        return proposed;
    }

    /// <summary><paramref name="history"/> with the trials from <paramref name="index"/> on ended, each scored 10 more than its trial number.</summary>
    private static List<SearchObservation> EndedFrom(List<SearchObservation> history, int index) =>
        [.. history.Select(o => o.Index >= index ? o with { Loss = 10 + o.Index, Ended = true } : o)];

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

        var next = ProposeAll(history);

        Assert.Equal([5, 6, 7, 8], next.Select(p => p.Index!.Value));
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
            Assert.Empty(next[member].Released);
        }
        Assert.All(next, p => Assert.Equal(200L, p.Config.Options.Steps));
        // The planted member's own checkpoint: nothing will start from it.
        Assert.Equal([4L], exploit.Released);
    }

    [Fact]
    public void A_member_goes_on_once_it_and_another_have_ended_the_stretch_ranked_against_those_that_have()
    {
        // Trial 1 alone has ended: it waits for a second to be compared with.
        Assert.Null(Search.Propose(Space, FirstStretch(ended: 1), 4));

        // Trials 1 and 2 have ended: trial 1 (40) is the worse of the two, and copies trial 2 (25).
        var two = ProposeAll(FirstStretch(ended: 2));
        Assert.Equal([(5, 2L), (6, 2L)], two.Select(p => (p.Index!.Value, p.Parent!.Value)));

        // Three have ended while the planted member trains on: the worst of the three (trial 3, 60) copies the best, and none waits for the fourth.
        var three = ProposeAll(FirstStretch(ended: 3));
        Assert.Equal([(5, 1L), (6, 2L), (7, 2L)], three.Select(p => (p.Index!.Value, p.Parent!.Value)));
    }

    [Fact]
    public void The_member_furthest_behind_goes_first()
    {
        var history = FirstStretch();
        var second = ProposeAll(history);
        // Members 0 and 1 end their second stretch before members 2 and 3 start theirs.
        history = EndedFrom(history.Where(o => o.Index <= 6).ToList(), 5);

        var next = Search.Propose(Space, history, history.Count)!;

        Assert.Equal(7, next.Index);
        Assert.Equal(second[2].Parent, next.Parent);
    }

    [Fact]
    public void A_member_whose_stretch_failed_goes_on_from_a_top_member_waits_while_none_can_be_copied_and_a_population_with_none_completed_ends()
    {
        var history = FirstStretch();
        history[1] = history[1] with { Loss = null };
        Assert.Equal(1, ProposeAll(history).Single(p => p.Index == 6).Parent);

        // Two ended without a score, two train on: there is nothing to copy yet, and nothing is lost by waiting.
        var unscored = FirstStretch(ended: 2).Select(o => o with { Loss = null }).ToList();
        Assert.Null(Search.Propose(Space, unscored, 4));

        var none = FirstStretch().Select(o => o with { Loss = null }).ToList();
        Assert.Throws<InvalidOperationException>(() => Search.Propose(Space, none, 4));
    }

    [Fact]
    public void A_stretch_is_released_once_no_stretch_can_start_from_it_and_the_third_ends_at_the_last_step()
    {
        var history = FirstStretch();
        ProposeAll(history);
        history = EndedFrom(history, 5);

        var third = ProposeAll(history);

        // Every member has gone past the first stretch, and every stretch started from it ended: all four go.
        Assert.Equal([1L, 2, 3, 4], third[0].Released);
        // The best second stretch (trial 5) is kept while a member could still copy it; the worst (trial 8), whose member copied trial 5, goes at once.
        Assert.All(third, p => Assert.DoesNotContain(5L, p.Released));
        Assert.Equal(5L, third[3].Parent);
        Assert.Equal([1L, 2, 3, 4, 8], third[3].Released);
        Assert.All(third, p => Assert.Equal(300L, p.Config.Options.Steps));
        Assert.False(Search.KeepsCheckpoint(Space, third[0].Config));
        Assert.True(Search.KeepsCheckpoint(Space, history[4].Config));
        Assert.Equal(0, Search.Remaining(Space, 12));
    }

    [Fact]
    public void The_same_scores_give_the_same_schedule()
    {
        var a = ProposeAll(FirstStretch()).Select(p => p.Config.ToJson());
        var b = ProposeAll(FirstStretch()).Select(p => p.Config.ToJson());

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
