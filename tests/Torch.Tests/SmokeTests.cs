public class SmokeTests
{
    [Fact]
    public void Add_works()
    {
        using var a = torch.tensor(new float[] { 1, 2 });
        using var b = a + a;
        Assert.Equal(new float[] { 2, 4 }, b.data<float>());
    }
}
