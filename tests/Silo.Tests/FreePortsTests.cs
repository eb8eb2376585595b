/// <summary>The ports the tests give their silos and servers.</summary>
public class FreePortsTests
{
    [Fact]
    public void No_port_is_handed_out_twice_in_one_test_process()
    {
        // Two thousand binds to port 0 over Linux's ~28,000 ephemeral ports meet a repeat almost surely
        // (the birthday bound), as a silo's --port and --gateway-port once did in CI.
        var ports = Enumerable.Range(0, 2000).Select(_ => FreePorts.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
    }
}
