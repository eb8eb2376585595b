using Gan.Core.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>
/// A generator or discriminator: a module whose layers are named fields (so its parameters are
/// "hidden.weight", as PyTorch would name them), and that reads its parameters from a checkpoint,
/// also from the checkpoints written when the networks were <c>nn.Sequential</c>s and their
/// parameters were named by position ("2.weight").
/// </summary>
/// <param name="name">The module's name.</param>
public abstract class GanNetwork(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>
    /// The layer each position of the former <c>nn.Sequential</c> held, by field name; null for
    /// a layer without parameters or buffers. Fixed: it describes checkpoints already written.
    /// </summary>
    protected abstract IReadOnlyList<string?> SequentialLayers { get; }

    /// <summary>Loads this network's parameters and buffers from a checkpoint entry; every name and shape must match.</summary>
    /// <exception cref="GanException">The entry is missing or holds another network (<see cref="GanErrorCode.IncompatibleCheckpoint"/>).</exception>
    public void Read(CheckpointReader reader, string entry)
    {
        var stored = reader.ReadState(entry);
        try
        {
            // A name held twice (by position and by layer) is no checkpoint this version wrote.
            if (stored.Keys.GroupBy(CurrentName).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new GanException(GanErrorCode.IncompatibleCheckpoint,
                    $"The checkpoint's entry '{entry}' does not fit this {GetName()}: it holds {twice.Key} twice ({string.Join(", ", twice)}).");
            var state = stored.ToDictionary(p => CurrentName(p.Key), p => p.Value);
            var own = state_dict();
            var missing = own.Keys.Except(state.Keys).ToList();
            var unexpected = state.Keys.Except(own.Keys).ToList();
            var misshapen = state.Keys.Intersect(own.Keys).Where(k => !state[k].shape.SequenceEqual(own[k].shape)).ToList();
            if (missing.Count + unexpected.Count + misshapen.Count > 0)
                throw new GanException(GanErrorCode.IncompatibleCheckpoint,
                    $"The checkpoint's entry '{entry}' does not fit this {GetName()}: " + string.Join("; ", new[]
                    {
                        missing.Count > 0 ? $"it lacks {string.Join(", ", missing)}" : null,
                        unexpected.Count > 0 ? $"it has {string.Join(", ", unexpected)} besides" : null,
                        misshapen.Count > 0 ? $"{string.Join(", ", misshapen.Select(k => $"{k} is [{string.Join(", ", state[k].shape)}], not [{string.Join(", ", own[k].shape)}]"))}" : null,
                    }.OfType<string>()) + ".");
            load_state_dict(state, strict: true);
        }
        finally
        {
            foreach (var tensor in stored.Values)
                tensor.Dispose();
        }
    }

    /// <summary>Copies this network's buffers (batch norm's running statistics) into <paramref name="copy"/>, a network of the same architecture, converting their type.</summary>
    public void CopyBuffersInto(GanNetwork copy)
    {
        using var noGrad = no_grad();
        foreach (var (source, target) in buffers().Zip(copy.buffers()))
            target.copy_(source);
    }

    /// <summary>The name a stored parameter has now: "2.weight" becomes the name of the field that position held.</summary>
    private string CurrentName(string stored)
    {
        var dot = stored.IndexOf('.');
        return dot > 0 && int.TryParse(stored.AsSpan(0, dot), out var position) && position < SequentialLayers.Count && SequentialLayers[position] is { } layer
            ? layer + stored[dot..]
            : stored;
    }
}
