using Gan.Core.Metrics;

namespace Silo.Stores;

/// <summary>How stores name the kinds of artifact in their rows.</summary>
internal static class ArtifactKinds
{
    /// <summary>The stored name of <paramref name="kind"/>.</summary>
    public static string Name(ArtifactKind kind) =>
        kind switch
        {
            ArtifactKind.SampleGrid => "sample-grid",
            ArtifactKind.BestGenerator => "best-generator",
            ArtifactKind.Generator => "generator",
            _ => "checkpoint",
        };
}
