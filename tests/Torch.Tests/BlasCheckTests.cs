public class BlasCheckTests
{
    private const string Reference =
        "7f00-7f01 r-xp 00000000 fe:01 123 /usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0\n" +
        "7f02-7f03 r-xp 00000000 fe:01 124 /usr/lib/x86_64-linux-gnu/libtorch_cpu.so.1.13.0\n";

    private const string OpenBlas =
        "7f00-7f01 r-xp 00000000 fe:01 123 /usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3\n" +
        "7f01-7f02 r-xp 00000000 fe:01 125 /usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0\n";

    [Fact]
    public void WarningFor_names_the_reference_blas_and_the_fix()
    {
        var warning = BlasCheck.WarningFor(Reference);

        Assert.NotNull(warning);
        Assert.Contains("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0", warning);
        Assert.Contains("libopenblas0-openmp", warning);
    }

    [Fact]
    public void WarningFor_is_null_with_openblas()
    {
        Assert.Null(BlasCheck.WarningFor(OpenBlas));
    }

    [Fact]
    public void WarningFor_is_null_without_any_blas()
    {
        Assert.Null(BlasCheck.WarningFor("7f00-7f01 r-xp 00000000 fe:01 1 /usr/lib/libc.so.6\n"));
    }

    [Fact]
    public void This_process_runs_on_an_optimised_blas_after_setup()
    {
        using var _ = torch.ones([1]);

        Assert.Null(BlasCheck.Warning());
    }
}
