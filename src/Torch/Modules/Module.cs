namespace Torch.Modules;

/// <summary>
/// A network layer or a network: it owns parameters, buffers and child modules, and maps
/// one tensor to another in <see cref="forward"/>. Disposing it frees everything it owns.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string Name, Tensor Tensor)> ownParameters = [];
    private readonly List<(string Name, Tensor Tensor)> ownBuffers = [];
    private readonly List<(string Name, Module Module)> children = [];

    /// <summary>Whether the module is in training mode (dropout active, batch norm updating its statistics).</summary>
    public bool training { get; private set; } = true;

    /// <summary>Computes the module's output.</summary>
    public abstract Tensor forward(Tensor input);

    /// <summary>Adds a trainable tensor; it leaves any dispose scope, since the module owns it now.</summary>
    protected Tensor register_parameter(string name, Tensor parameter)
    {
        parameter.DetachFromDisposeScope().requires_grad = true;
        ownParameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>Adds state that is saved and moved with the module but not trained (running statistics).</summary>
    protected Tensor register_buffer(string name, Tensor buffer)
    {
        ownBuffers.Add((name, buffer.DetachFromDisposeScope()));
        return buffer;
    }

    /// <summary>Adds a child module, whose tensors are named with <paramref name="name"/> and a dot.</summary>
    protected T register_module<T>(string name, T module) where T : Module
    {
        children.Add((name, module));
        return module;
    }

    /// <summary>Every parameter, with its dotted name, children after the module's own.</summary>
    public IEnumerable<(string name, Tensor parameter)> named_parameters() => Named(m => m.ownParameters, "");

    /// <summary>Every parameter.</summary>
    public IEnumerable<Tensor> parameters() => named_parameters().Select(p => p.parameter);

    /// <summary>Every buffer, with its dotted name.</summary>
    public IEnumerable<(string name, Tensor buffer)> named_buffers() => Named(m => m.ownBuffers, "");

    /// <summary>Parameters and buffers together: what a checkpoint of this module holds.</summary>
    public IEnumerable<(string name, Tensor tensor)> state_dict() => named_parameters().Concat(named_buffers());

    /// <summary>The direct children.</summary>
    public IEnumerable<(string name, Module module)> named_children() => children;

    /// <summary>Sets training mode here and in every child.</summary>
    public Module train(bool on = true)
    {
        training = on;
        foreach (var (_, child) in children)
            child.train(on);
        return this;
    }

    /// <summary>Sets evaluation mode here and in every child.</summary>
    public Module eval() => train(false);

    /// <summary>Replaces every parameter's and buffer's data with a converted copy, keeping their identity.</summary>
    internal void ConvertTensors(Func<Tensor, Tensor> convert)
    {
        using (torch.no_grad())
            foreach (var (_, tensor) in state_dict())
            {
                tensor.clear_grad();
                using var converted = convert(tensor);
                tensor.set_data(converted);
            }
    }

    /// <summary>Drops every parameter's gradient.</summary>
    public void zero_grad()
    {
        foreach (var parameter in parameters())
            parameter.clear_grad();
    }

    /// <summary>
    /// Copies values into this module's tensors by name. Every name must be present with the
    /// same shape, or nothing is copied.
    /// </summary>
    /// <exception cref="ArgumentException">A tensor is missing or has another shape.</exception>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> values)
    {
        var targets = state_dict().ToList();
        foreach (var (name, target) in targets)
        {
            if (!values.TryGetValue(name, out var value))
                throw new ArgumentException($"The state has no tensor '{name}'.", nameof(values));
            if (!value.shape.SequenceEqual(target.shape))
                throw new ArgumentException(
                    $"'{name}' has shape [{string.Join(", ", value.shape)}] in the state but [{string.Join(", ", target.shape)}] in the module.",
                    nameof(values));
        }
        using (torch.no_grad())
            foreach (var (name, target) in targets)
                target.copy_(values[name]);
    }

    /// <summary>Frees every parameter and buffer, and the children.</summary>
    public void Dispose()
    {
        foreach (var (_, tensor) in ownParameters.Concat(ownBuffers))
            tensor.Dispose();
        foreach (var (_, child) in children)
            child.Dispose();
        GC.SuppressFinalize(this);
    }

    private IEnumerable<(string, Tensor)> Named(Func<Module, List<(string Name, Tensor Tensor)>> select, string prefix)
    {
        foreach (var (name, tensor) in select(this))
            yield return (prefix + name, tensor);
        foreach (var (name, child) in children)
            foreach (var item in child.Named(select, prefix + name + "."))
                yield return item;
    }
}
