using System.Diagnostics;
using static Torch.torch;

public class MemoryTests
{
    [Fact]
    public void Ten_thousand_training_steps_leave_memory_and_live_tensors_flat()
    {
        manual_seed(0);
        using var model = nn.Sequential(nn.Linear(32, 64), nn.LeakyReLU(0.2), nn.Linear(64, 1));
        using var adam = optim.Adam(model.parameters(), 1e-3);
        using var input = randn([16, 32]);
        using var target = ones([16, 1]);
        void TrainingStep()
        {
            using var scope = NewDisposeScope();
            adam.zero_grad();
            nn.functional.binary_cross_entropy_with_logits(model.forward(input), target).backward();
            adam.step();
        }

        // Warm up allocator pools and the optimizer state before measuring.
        for (var i = 0; i < 200; i++)
            TrainingStep();
        CollectGarbage();
        var liveBefore = Tensor.LiveCount;
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var residentBefore = process.WorkingSet64;

        for (var i = 0; i < 10_000; i++)
            TrainingStep();

        CollectGarbage();
        process.Refresh();
        var growth = process.WorkingSet64 - residentBefore;
        Assert.Equal(liveBefore, Tensor.LiveCount);
        Assert.True(growth < 50L * 1024 * 1024, $"Resident memory grew by {growth / (1024 * 1024)} MB over 10,000 steps.");
    }

    // Tensors that earlier tests dropped without disposing are freed by finalizers; let that
    // happen outside the measured window.
    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
