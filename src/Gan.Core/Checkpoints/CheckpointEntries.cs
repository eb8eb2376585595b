namespace Gan.Core.Checkpoints;

/// <summary>The names of a trial checkpoint's entries, shared by the trainer and the readers of its generator.</summary>
public static class CheckpointEntries
{
    /// <summary>The generator's weights.</summary>
    public const string Generator = "g";

    /// <summary>The discriminator's weights.</summary>
    public const string Discriminator = "d";
}
