namespace Gan.Core.Data;

/// <summary>A dataset by name: images to train on, and a held-out split that training never sees.</summary>
public sealed record Dataset(string Name, ImageSet Train, ImageSet HeldOut)
{
    /// <summary>The number of classes (both datasets here have ten).</summary>
    public int Classes => 10;
}
