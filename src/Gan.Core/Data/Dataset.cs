namespace Gan.Core.Data;

/// <summary>A dataset: images to train on, and a held-out split that training never sees.</summary>
/// <param name="Name">The dataset option's value.</param>
/// <param name="Train">The training images.</param>
/// <param name="HeldOut">The held-out images, which quality scores compare with.</param>
/// <param name="CacheKey">Names what is cached for it (its classifier): the dataset's name, or for a folder a hash of its files and shape.</param>
public sealed record Dataset(string Name, ImageSet Train, ImageSet HeldOut, string CacheKey) : IDisposable
{
    /// <summary>Whether its images have class labels.</summary>
    public bool Labelled => Train.Labels is not null;

    /// <summary>The number of classes; 0 when unlabelled.</summary>
    public int Classes => Train.ClassNames.Count;

    /// <summary>Unmaps both splits, if they are mapped.</summary>
    public void Dispose()
    {
        Train.Dispose();
        HeldOut.Dispose();
    }
}
