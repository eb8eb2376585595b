using Torch.Native;

public class ShimLocatorTests
{
    [Fact]
    public void Load_lists_every_place_tried_and_says_to_run_setup()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir", ShimLocator.FileName);
        var notALibrary = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<TorchLoadException>(() => ShimLocator.Load([missing, notALibrary]));

            Assert.Equal(2, error.Attempts.Count);
            Assert.Contains($"{missing}: no such file", error.Message);
            Assert.Contains(notALibrary, error.Attempts[1]);
            Assert.Contains("./setup.sh", error.Message);
        }
        finally
        {
            File.Delete(notALibrary);
        }
    }

    [Fact]
    public void Candidates_put_the_override_variable_first()
    {
        var previous = Environment.GetEnvironmentVariable(ShimLocator.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable(ShimLocator.PathVariable, "/opt/custom/libtorch_shim.so");

            var candidates = ShimLocator.Candidates(typeof(ShimLocator).Assembly);

            Assert.Equal("/opt/custom/libtorch_shim.so", candidates[0]);
            Assert.Contains(Path.Combine(AppContext.BaseDirectory, ShimLocator.FileName), candidates);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ShimLocator.PathVariable, previous);
        }
    }
}
