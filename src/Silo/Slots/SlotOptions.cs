using Microsoft.Extensions.Options;

namespace Silo.Slots;

/// <summary>A silo's slots: how many trials it trains at once, where, and with what.</summary>
public sealed class SlotOptions
{
    /// <summary>The device of each slot (cpu, cuda:N); their count is the number of slots.</summary>
    public IReadOnlyList<string> Devices { get; set; } = [];

    /// <summary>libtorch threads per trainer process.</summary>
    public int ThreadsPerSlot { get; set; } = 1;

    /// <summary>One slot per worker of <paramref name="plan"/>, spread over its GPUs, or all on the CPU.</summary>
    public static IReadOnlyList<string> DevicesFor(WorkerPlan plan) =>
        [.. Enumerable.Range(0, plan.Workers).Select(slot => plan.GpuCount > 0 ? $"cuda:{slot % plan.GpuCount}" : "cpu")];
}

/// <summary>Checks <see cref="SlotOptions"/> at start-up, naming the field, the value and the rule.</summary>
public sealed class SlotOptionsValidator : IValidateOptions<SlotOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SlotOptions options)
    {
        var problems = new List<string>();
        if (options.Devices.Count == 0)
            problems.Add("slots = 0: a silo needs at least one slot.");
        foreach (var device in options.Devices.Where(d => !Gan.Core.Training.TrainerOptionCatalog.IsDevice(d) || d is "auto" or "cuda"))
            problems.Add($"device = '{device}': each slot needs cpu or cuda:N.");
        if (options.ThreadsPerSlot < 1)
            problems.Add($"threads = {options.ThreadsPerSlot}: must be at least 1.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
