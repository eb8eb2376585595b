public class UtilsTests
{
    [Fact]
    public void Grad_norm_is_the_l2_norm_of_all_gradients_together()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new double[] { 1, 2 }, requires_grad: true);
        var b = torch.tensor(new double[] { 3 }, requires_grad: true);
        var unused = torch.tensor(new double[] { 5 }, requires_grad: true);
        ((a * 3.0).sum() + (b * 4.0).sum()).backward();

        var norm = torch.nn.utils.grad_norm([a, b, unused]);

        Assert.Equal(Math.Sqrt(9 + 9 + 16), norm.item<double>(), 12);
    }
}
