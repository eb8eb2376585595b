namespace Gan.Core.Checkpoints;

/// <summary>What marks a checkpoint written by this version, and how older ones are told apart.</summary>
public static class CheckpointFormat
{
    /// <summary>The archive entry that marks the format.</summary>
    public const string MarkerEntry = "sweep-checkpoint";

    /// <summary>The marker's content: the format and its version.</summary>
    public static ReadOnlySpan<byte> Marker => "torchsharp/1"u8;

    /// <summary>
    /// What a checkpoint written by sweep before it moved to TorchSharp (a libtorch 1.13 archive,
    /// whose entries end in data.pkl) is, and what it means for its trial.
    /// </summary>
    public const string OldBindingAdvice =
        "The checkpoint was written by an older sweep (the libtorch 1.13 binding, before TorchSharp), which this version cannot read: the trial has to train again from step 0.";
}
