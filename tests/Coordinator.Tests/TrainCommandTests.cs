using Coordinator.Cli;

public class TrainCommandTests
{
    [Fact]
    public void Train_prints_progress_and_writes_metrics_samples_and_a_checkpoint()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sweep-train-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, output, error) = Cli.Run("train", "--arch", "mlp", "--lr", "0.0005", "--steps", "90", "--log-every", "30", "--no-eval", "--device", "cpu", "-o", folder);

            Assert.True(exitCode == ExitCodes.Ok, error);
            Assert.Contains("Training mlp on mnist (8000 samples) on cpu, 90 steps", output);
            Assert.Contains("step     30", output);
            Assert.Contains("status        completed at step 90", output);
            Assert.Equal(4, File.ReadAllLines(Path.Combine(folder, "metrics.jsonl")).Length);
            Assert.True(File.Exists(Path.Combine(folder, "samples", "epoch-001.png")));
            Assert.True(File.Exists(Path.Combine(folder, "samples", "epoch-002.png")));
            Assert.True(File.Exists(Path.Combine(folder, "checkpoint.pt")));
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Train_rejects_every_bad_option_at_once_with_exit_code_2()
    {
        var (exitCode, output, error) = Cli.Run("train", "--lr", "-1", "--label-smoothing", "0.7", "--arch", "resnet");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("lr = -1: must be greater than 0 and at most 100.", error);
        Assert.Contains("label_smoothing = 0.7: must be in [0, 0.5).", error);
        Assert.Contains("arch = 'resnet'", error);
        Assert.DoesNotContain("Training", output);
    }

    [Fact]
    public void Train_reports_a_missing_data_directory_with_exit_code_2()
    {
        var (exitCode, _, error) = Cli.Run("train", "--data-dir", "/no/such/mnist", "--no-eval");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("/no/such/mnist: no such directory", error);
    }

    [Fact]
    public void Train_rejects_a_value_of_the_wrong_type()
    {
        var (exitCode, _, error) = Cli.Run("train", "--steps", "many");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("many", error);
    }
}
