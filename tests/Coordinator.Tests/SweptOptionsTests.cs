using Coordinator.Results;
using Gan.Core.Training;
using Silo.Stores;
using Silo.Trials;

public class SweptOptionsTests
{
    private static TrialRecord Trial(int index, params (string Name, object Value)[] options) =>
        new(index, "s", index, new TrialConfig(options.Select(o => KeyValuePair.Create(o.Name, o.Value))), TrialStates.Queued, 0, null, null, HealthFlags.None, 0, 100, null, null);

    private static readonly TrialRecord[] Trials =
    [
        Trial(0, ("dataset", "mnist"), ("lr", 0.001), ("arch", "mlp")),
        Trial(1, ("dataset", "mnist"), ("lr", 0.001), ("arch", "mlp-128")),
        // Sets an option the first two left unset, and leaves one of theirs unset.
        Trial(2, ("dataset", "mnist"), ("arch", "mlp"), ("label_smoothing", 0.1)),
        Trial(3, ("dataset", "mnist"), ("lr", 0.001), ("arch", "mlp"), ("label_smoothing", 0.1)),
    ];

    [Fact]
    public void The_options_whose_values_differ_come_in_the_order_they_first_appeared_and_an_unset_one_counts_as_empty()
    {
        Assert.Equal(["lr", "arch", "label_smoothing"], SweptOptions.Of(Trials));
        Assert.Equal(["arch"], SweptOptions.Of(Trials.Take(2)));
        Assert.Empty(SweptOptions.Of(Trials.Take(1)));
    }

    [Fact]
    public void Trials_seen_a_few_at_a_time_give_what_all_of_them_give_at_once()
    {
        var seen = new SweptOptions();
        var afterEach = Trials.Select(t => seen.See([t]).Keys).ToList();

        Assert.Equal(Enumerable.Range(1, Trials.Length).Select(n => SweptOptions.Of(Trials.Take(n))), afterEach);
    }
}
