namespace Torch;

/// <summary>
/// Frees, when disposed, every tensor created on this thread while it was the innermost scope,
/// except those detached or moved out. A training step in a scope leaves no temporaries for
/// the garbage collector.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly HashSet<Tensor> tensors = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    internal DisposeScope()
    {
        outer = current;
        current = this;
    }

    /// <summary>The innermost open scope on this thread, if any.</summary>
    public static DisposeScope? Current => current;

    /// <summary>How many tensors this scope will free.</summary>
    public int Count => tensors.Count;

    internal void Register(Tensor tensor) => tensors.Add(tensor);

    internal void Forget(Tensor tensor) => tensors.Remove(tensor);

    internal void MoveToOuter(Tensor tensor)
    {
        if (tensors.Remove(tensor))
            outer?.Register(tensor);
    }

    /// <summary>Frees the scope's tensors and makes the enclosing scope current again.</summary>
    /// <exception cref="InvalidOperationException">An inner scope is still open.</exception>
    public void Dispose()
    {
        if (disposed)
            return;
        if (current != this)
            throw new InvalidOperationException("Dispose scopes must be closed innermost first.");
        disposed = true;
        current = outer;
        foreach (var tensor in tensors)
            tensor.Dispose();
        tensors.Clear();
    }
}
