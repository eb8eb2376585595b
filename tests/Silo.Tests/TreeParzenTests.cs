using Silo.Search;
using Silo.Trials;

/// <summary>
/// TPE's proposals: reproducible for a seed and a history, the random search's trials while it
/// starts, inside each parameter's distribution, never crossing a conditional parameter with an
/// architecture it does not apply to, and better than random search on a known landscape.
/// </summary>
public sealed class TreeParzenTests
{
    private static readonly SearchSpace Space = new(
        new Dictionary<string, object> { ["dataset"] = "mnist", ["steps"] = 4000L },
        [
            new RangeParameter("lr", Distribution.LogUniformValues, 1e-5, 1e-1),
            new ValuesParameter("beta1", [0.5, 0.9]),
            new RangeParameter("latent_size", Distribution.IntUniform, 8, 128),
            new ValuesParameter("arch", ["mlp", "dcgan-small"]),
            new RangeParameter("width", Distribution.Uniform, 0.25, 1) { Q = 0.25, When = new ParameterCondition("arch", ["dcgan-small"]) },
        ],
        Seed: 7, RunCap: 60);

    /// <summary>A landscape with its best at lr 1e-3, beta1 0.5, latent_size 64 and the mlp: the loss a trial of <paramref name="config"/> scores.</summary>
    private static double Loss(TrialConfig config) =>
        Math.Pow(Math.Log10(config.Options.Lr) + 3, 2)
        + (config.Options.Beta1 == 0.5 ? 0 : 1)
        + Math.Abs((long)config["latent_size"] - 64) / 64.0
        + (config.Options.Arch == "mlp" ? 0 : 0.5);

    /// <summary>A sequential sweep of <paramref name="trials"/> trials, each scored before the next is proposed.</summary>
    private static List<SearchObservation> Sweep(SearchSpace space, int trials)
    {
        var history = new List<SearchObservation>();
        for (var i = 0; i < trials; i++)
        {
            var config = TreeParzen.Propose(space, history, i);
            history.Add(new SearchObservation(config, Loss(config)));
        }
        return history;
    }

    [Fact]
    public void The_same_seed_and_history_propose_the_same_trials_and_another_seed_others()
    {
        var first = Sweep(Space, 30).Select(o => o.Config.ToJson()).ToList();
        var again = Sweep(Space, 30).Select(o => o.Config.ToJson()).ToList();
        var other = Sweep(Space with { Seed = 8 }, 30).Select(o => o.Config.ToJson()).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first.Skip(TreeParzen.DefaultStartupTrials), other.Skip(TreeParzen.DefaultStartupTrials));
    }

    [Fact]
    public void It_starts_with_the_random_searchs_trials()
    {
        var random = Space.RandomTrials(TreeParzen.DefaultStartupTrials).Select(c => c.ToJson());

        Assert.Equal(random, Sweep(Space, TreeParzen.DefaultStartupTrials).Select(o => o.Config.ToJson()));
    }

    [Fact]
    public void Proposals_stay_inside_each_distribution_and_width_goes_only_with_dcgan_small()
    {
        var proposals = Sweep(Space, 60).Select(o => o.Config).ToList();

        Assert.All(proposals, c => Assert.InRange(c.Options.Lr, 1e-5, 1e-1));
        Assert.All(proposals, c => Assert.IsType<long>(c["latent_size"]));
        Assert.All(proposals, c => Assert.InRange((long)c["latent_size"], 8, 128));
        Assert.All(proposals, c => Assert.Equal(c.Options.Arch == "dcgan-small", c.ContainsKey("width")));
        Assert.All(proposals.Where(c => c.ContainsKey("width")), c => Assert.Contains((double)c["width"], new[] { 0.25, 0.5, 0.75, 1.0 }));
    }

    [Fact]
    public void Over_five_seeds_it_finds_a_better_trial_than_random_search_with_the_same_trials()
    {
        // Deterministic for these seeds; the margin is wide, since TPE concentrates around lr 1e-3 after a few dozen trials.
        var seeds = Enumerable.Range(1, 5).ToList();
        var tpe = seeds.Select(seed => Sweep(Space with { Seed = seed }, 40).Min(o => o.Loss!.Value)).Order().ToList();
        var random = seeds.Select(seed => (Space with { Seed = seed, RunCap = 40 }).RandomTrials(40).Min(Loss)).Order().ToList();

        Assert.True(tpe[2] < random[2] / 2, $"TPE's median best loss {tpe[2]:G3}, random's {random[2]:G3}");
    }

    [Fact]
    public void Trials_still_running_at_the_best_point_steer_the_next_proposals_elsewhere()
    {
        // TPE proposes the best trial's beta1 and architecture again, unless trials already
        // running with them count against them (the constant liar).
        var scored = Space.RandomTrials(20).Select(c => new SearchObservation(c, Loss(c))).ToList();
        var best = scored.MinBy(o => o.Loss)!.Config;
        var running = Enumerable.Repeat(new SearchObservation(best, null), 20).ToList();

        int Alike(IReadOnlyList<SearchObservation> history) => Enumerable.Range(20, 10)
            .Select(i => TreeParzen.Propose(Space, history, i))
            .Count(c => c.Options.Beta1 == best.Options.Beta1 && c.Options.Arch == best.Options.Arch);
        var free = Alike(scored);
        var busy = Alike([.. scored, .. running]);

        Assert.True(busy < free, $"of 10 proposals, {free} share the best trial's beta1 and arch with nothing running, {busy} with 20 running there");
    }

    [Fact]
    public void With_two_startup_trials_it_proposes_from_the_third_and_the_space_keeps_the_count()
    {
        var space = Space with { StartupTrials = 2 };
        var random = space.RandomTrials(3).Select(c => c.ToJson()).ToList();

        var proposed = Sweep(space, 3).Select(o => o.Config.ToJson()).ToList();

        Assert.Equal(random.Take(2), proposed.Take(2));
        Assert.NotEqual(random[2], proposed[2]);
        Assert.Equal([.. random.Take(2)], new TreeParzenSearch().InitialTrials(space).Select(c => c.ToJson()));
        Assert.Equal(2, SearchSpace.FromJson(space.ToJson()).StartupTrials);
        // A space stored before the option existed started with the default.
        var stored = System.Text.Json.Nodes.JsonNode.Parse(space.ToJson())!.AsObject();
        stored.Remove("startup_trials");
        Assert.Equal(TreeParzen.DefaultStartupTrials, SearchSpace.FromJson(stored.ToJsonString()).StartupTrials);
    }

    [Fact]
    public void A_space_reads_back_from_its_json_as_it_was()
    {
        var space = Space with { Parameters = [.. Space.Parameters, new ValuesParameter("optimizer", ["adam", "sgd"]) { Probabilities = [0.75, 0.25] }, new RangeParameter("lr_g", Distribution.Normal, 0, 0) { Mu = 0.001, Sigma = 0.0002 }] };

        var read = SearchSpace.FromJson(space.ToJson());

        Assert.Equal(space.ToJson(), read.ToJson());
        Assert.Equal(space.RandomTrials(10).Select(c => c.ToJson()), read.RandomTrials(10).Select(c => c.ToJson()));
    }
}
