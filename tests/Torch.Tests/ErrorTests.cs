public class ErrorTests
{
    [Fact]
    public void Matmul_shape_mismatch_throws_libtorchs_message_and_the_next_call_works()
    {
        using var a = torch.ones([2, 3]);
        using var b = torch.ones([4, 5]);

        var error = Assert.Throws<TorchException>(() => torch.matmul(a, b));

        Assert.Equal("matmul", error.Operation);
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", error.Message);
        using var c = torch.ones([3, 2]);
        using var product = torch.matmul(a, c);
        Assert.Equal(new float[] { 3, 3, 3, 3 }, product.data<float>());
    }

    [Fact]
    public void Errors_in_void_calls_surface_and_do_not_leak_into_later_calls()
    {
        using var a = torch.ones([2]);
        using var b = torch.ones([3]);

        var error = Assert.Throws<TorchException>(() => a.copy_(b));

        Assert.Equal("copy_", error.Operation);
        using var sum = a + a;
        Assert.Equal(new float[] { 2, 2 }, sum.data<float>());
    }

    [Fact]
    public void Error_message_has_no_cpp_backtrace()
    {
        using var a = torch.ones([2, 3]);

        var error = Assert.Throws<TorchException>(() => a.view(4, 4));

        Assert.DoesNotContain("Exception raised from", error.Message);
        Assert.Contains("shape '[4, 4]' is invalid for input of size 6", error.Message);
    }

    [Fact]
    public async Task Errors_are_per_thread()
    {
        using var a = torch.ones([2, 3]);
        await Task.Run(() => Assert.Throws<TorchException>(() => torch.matmul(a, a)));

        torch.CheckForErrors();
    }
}
