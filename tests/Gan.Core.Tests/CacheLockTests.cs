using Gan.Core.Runtime;

public sealed class CacheLockTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-lock-" + Guid.NewGuid().ToString("N"));

    public CacheLockTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_second_holder_waits_until_the_first_lets_go()
    {
        var path = Path.Combine(folder, "classifier.lock");
        var first = CacheLock.Acquire(path);
        using var waiting = new ManualResetEventSlim();
        using var acquired = new ManualResetEventSlim();
        var second = new Thread(() =>
        {
            using (CacheLock.Acquire(path, waiting.Set))
                acquired.Set();
        });
        second.Start();

        Assert.True(waiting.Wait(TimeSpan.FromMinutes(1)), "the second holder never found the lock taken");
        Assert.False(acquired.IsSet);
        first.Dispose();

        Assert.True(acquired.Wait(TimeSpan.FromMinutes(1)), "the second holder never got the lock");
        second.Join();
    }
}
