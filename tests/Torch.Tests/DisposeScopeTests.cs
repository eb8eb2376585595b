public class DisposeScopeTests
{
    [Fact]
    public void Dispose_frees_every_tensor_created_in_the_scope()
    {
        var before = Tensor.LiveCount;
        Tensor inside;
        using (var scope = torch.NewDisposeScope())
        {
            inside = torch.ones([3]);
            using var _ = (inside * 2.0 + 1.0).sum();
            Assert.Equal(4, scope.Count);
        }

        Assert.True(inside.IsDisposed);
        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public void Detached_tensors_survive_the_scope()
    {
        var before = Tensor.LiveCount;
        Tensor kept;
        using (torch.NewDisposeScope())
            kept = (torch.ones([2]) * 5.0).DetachFromDisposeScope();

        Assert.False(kept.IsDisposed);
        Assert.Equal(new float[] { 5, 5 }, kept.data<float>());
        kept.Dispose();
        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public void MoveToOuter_hands_a_tensor_to_the_enclosing_scope()
    {
        Tensor moved;
        using (torch.NewDisposeScope())
        {
            using (torch.NewDisposeScope())
                moved = torch.ones([1]).MoveToOuterDisposeScope();
            Assert.False(moved.IsDisposed);
        }

        Assert.True(moved.IsDisposed);
    }

    [Fact]
    public void Scopes_restore_the_outer_scope()
    {
        Assert.Null(DisposeScope.Current);
        using (var outer = torch.NewDisposeScope())
        {
            using (var inner = torch.NewDisposeScope())
                Assert.Same(inner, DisposeScope.Current);
            Assert.Same(outer, DisposeScope.Current);
        }
        Assert.Null(DisposeScope.Current);
    }

    [Fact]
    public void Dispose_throws_when_an_inner_scope_is_open()
    {
        var outer = torch.NewDisposeScope();
        var inner = torch.NewDisposeScope();

        Assert.Throws<InvalidOperationException>(outer.Dispose);
        inner.Dispose();
        outer.Dispose();
        Assert.Null(DisposeScope.Current);
    }
}
