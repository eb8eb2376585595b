using Silo.Search;

/// <summary>Search methods as classes behind one interface, stored with their space in one typed form.</summary>
public class SearchMethodTests
{
    private static readonly SearchSpace Space = new(
        new Dictionary<string, object> { ["steps"] = 100L },
        [new ValuesParameter("lr", [0.001, 0.002, 0.003]), new ValuesParameter("seed", [0L, 1L])],
        Seed: 3, RunCap: 4);

    [Fact]
    public void Each_method_stores_its_own_first_trials_and_only_a_learning_one_proposes_more()
    {
        var population = new PopulationSettings(3, 50, 100, PopulationSettings.DefaultQuantileFraction, PopulationSettings.DefaultResampleProbability, ["lr"]);
        var space = Space with { Population = population, Schedule = Space.RandomTrials(3) };
        var counts = SearchMethods.All.ToDictionary(m => m.Name, m => (m.InitialTrials(space with { Method = m.Name }).Count, m.Learns, m.Remaining(space, 2)));

        Assert.Equal((6, false, 0), counts["grid"]);
        Assert.Equal((4, false, 0), counts["random"]);
        Assert.Equal((4, true, 2), counts["bayes"]);
        // Three members, two stretches each, run_cap 4.
        Assert.Equal((3, true, 2), counts["pbt"]);
        // A replay stores its first stretch and proposes the rest of its schedule.
        Assert.Equal((1, true, 1), counts["replay"]);
        Assert.Equal("grid", SearchMethods.Default.Name);
    }

    [Fact]
    public void The_method_is_stored_with_the_space_and_a_space_stored_without_one_is_bayes()
    {
        var random = Space with { Method = "random" };

        Assert.IsType<RandomSearch>(SearchSpace.FromJson(random.ToJson()).SearchMethod);
        var old = random.ToJson().Replace("\"method\":\"random\",", "");
        Assert.DoesNotContain("method", old);
        Assert.IsType<TreeParzenSearch>(SearchSpace.FromJson(old).SearchMethod);
    }

    [Fact]
    public void Each_method_says_what_a_sweep_file_of_it_needs()
    {
        Assert.Null(SearchMethods.Find("grid")!.Requirement(hasRunCap: false, hasBudget: false));
        Assert.Contains("run_cap", SearchMethods.Find("random")!.Requirement(hasRunCap: false, hasBudget: true));
        Assert.Null(SearchMethods.Find("bayes")!.Requirement(hasRunCap: false, hasBudget: true));
        Assert.Null(SearchMethods.Find("pbt")!.Requirement(hasRunCap: false, hasBudget: false));
        Assert.NotNull(SearchMethods.Find("replay")!.Requirement(hasRunCap: true, hasBudget: true));
        Assert.Null(SearchMethods.Find("hyperopt"));
    }
}
