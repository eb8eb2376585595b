using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gan.Core.Training;

/// <summary>
/// Carries an optimizer's state kept one entry per parameter (what checkpoints held before the
/// parameters were flat) into the state of the same optimizer over <see cref="FlatParameters"/>,
/// slice by slice, so that trials interrupted before an upgrade resume after it.
/// </summary>
internal static class PerParameterOptimizerState
{
    /// <summary>Copies <paramref name="perParameter"/>'s state into <paramref name="flat"/>'s (over <paramref name="parameters"/>'s values).</summary>
    /// <exception cref="GanException">The two are different optimizers, or the state does not fit the network.</exception>
    internal static void CopyInto(OptimizerHelper perParameter, OptimizerHelper flat, FlatParameters parameters)
    {
        var states = perParameter.state_dict().State;
        var whole = flat.state_dict().State.Single();
        var offsets = parameters.Offsets.ToArray();
        if (states.Count != offsets.Length)
            throw new GanException(GanErrorCode.IncompatibleCheckpoint, $"The checkpoint's optimizer holds {states.Count} parameters' state; this network has {offsets.Length}.");
        using var noGrad = no_grad();
        for (var i = 0; i < states.Count; i++)
        {
            var offset = offsets[i];
            switch (states[i], whole)
            {
                case (Adam.State from, Adam.State to):
                    to.step = from.step;
                    Copy(from.exp_avg, ref to.exp_avg, offset, parameters);
                    Copy(from.exp_avg_sq, ref to.exp_avg_sq, offset, parameters);
                    Copy(from.max_exp_avg_sq, ref to.max_exp_avg_sq, offset, parameters);
                    break;
                case (RMSProp.State from, RMSProp.State to):
                    to.step = from.step;
                    Copy(from.square_avg, ref to.square_avg, offset, parameters);
                    Copy(from.momentum_buffer, ref to.momentum_buffer, offset, parameters);
                    Copy(from.grad_avg, ref to.grad_avg, offset, parameters);
                    break;
                case (SGD.State from, SGD.State to):
                    Copy(from.momentum_buffer, ref to.momentum_buffer, offset, parameters);
                    break;
                default:
                    throw new GanException(GanErrorCode.IncompatibleCheckpoint,
                        $"The checkpoint's optimizer state ({states[i].GetType().DeclaringType?.Name}) is not this trial's ({whole.GetType().DeclaringType?.Name}).");
            }
        }
    }

    /// <summary>Copies one parameter's buffer into its slice of the flat one, which is made (zeroed) if the flat state has none yet.</summary>
    private static void Copy(Tensor? from, ref Tensor? to, long offset, FlatParameters parameters)
    {
        if (from is null)
            return;
        to ??= zeros_like(parameters.Values).DetachFromDisposeScope();
        using var slice = to.narrow(0, offset, from.numel());
        using var flattened = from.flatten();
        slice.copy_(flattened);
    }
}
