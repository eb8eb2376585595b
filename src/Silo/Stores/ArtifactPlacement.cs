using Gan.Core.Metrics;

namespace Silo.Stores;

/// <summary>
/// Where a store puts an artifact's bytes, and how it keeps its files in step with its rows. Sample
/// grids stay in the row, so a report reads them from the database alone, and so do weights of at
/// most <see cref="InlineBytes"/>; larger weights go to the store's files when it has any. A file
/// is written before the row that refers to it, and a file a row stops referring to is deleted
/// after the row's transaction commits, so a crash can leave an unreferenced file behind, never a
/// row without its file.
/// </summary>
internal sealed class ArtifactPlacement(IArtifactFiles? files)
{
    /// <summary>
    /// The largest weights a row holds rather than a file: the toy lab's generator (1.6 KB) is one,
    /// an MLP's (about 1 MB) is not. A file costs a flush to disk before its row commits, a
    /// one-step trial's two of them a quarter of its time, and a sweep of 100,000 such trials would
    /// leave 200,000 files.
    /// </summary>
    public const int InlineBytes = 16 * 1024;

    /// <summary>Whether a trial keeps only the latest artifact of <paramref name="kind"/>, each write replacing the last.</summary>
    public static bool KeepsOne(ArtifactKind kind) => kind != ArtifactKind.SampleGrid;

    /// <summary>Writes large weights' file, ahead of the row; anything else is left for the row.</summary>
    private PlacedArtifact Place(TrialClaim claim, TrialArtifact artifact)
    {
        if (files is null || artifact.Kind == ArtifactKind.SampleGrid || artifact.Bytes.Length <= InlineBytes)
            return new PlacedArtifact(artifact.Bytes, null);
        // A new key for every write: a fenced-off attempt's file can never replace the current attempt's.
        var key = $"trial-{claim.TrialId}/{ArtifactKinds.Name(artifact.Kind)}-epoch{artifact.Epoch}-attempt{claim.Attempt}-{Guid.NewGuid():N}.pt";
        return new PlacedArtifact([], files.Put(key, artifact.Bytes));
    }

    /// <summary>
    /// Places <paramref name="artifacts"/> (<see cref="Place"/>), then runs <paramref name="writeRows"/>
    /// with them, which returns the keys of the files its rows replaced or dropped, and deletes those
    /// once it succeeds, or the placed files if anything fails.
    /// </summary>
    public void Commit(TrialClaim claim, IReadOnlyList<TrialArtifact> artifacts, Func<IReadOnlyList<PlacedArtifact>, IReadOnlyList<string>> writeRows)
    {
        var placed = new List<PlacedArtifact>(artifacts.Count);
        IReadOnlyList<string> replaced;
        try
        {
            foreach (var artifact in artifacts)
                placed.Add(Place(claim, artifact));
            replaced = writeRows(placed);
        }
        catch
        {
            Delete(placed.Select(p => p.File?.Key).OfType<string>());
            throw;
        }
        Delete(replaced);
    }

    /// <summary>Deletes the files of rows that are gone.</summary>
    public void Delete(IEnumerable<string> keys)
    {
        // A store opened without its files cannot delete them; they are only left over.
        foreach (var key in keys)
            files?.Delete(key);
    }

    /// <summary>The artifact a row holds: its bytes, or those of the file it refers to.</summary>
    /// <exception cref="StoreException">The file is missing or damaged, or the store was opened without its files.</exception>
    public TrialArtifact Read(long trialId, ArtifactKind kind, ArtifactRow row)
    {
        if (row.File is null)
            return new TrialArtifact(kind, row.Epoch, row.Step, row.Bytes);
        if (files is null)
            throw new StoreException(StoreErrorCode.Unavailable,
                $"Trial {trialId}'s {ArtifactKinds.Name(kind)} is a file in the store's artifact directory, and none was given. Point --artifacts (or SWEEP_ARTIFACTS) at the directory the silos share.");
        return new TrialArtifact(kind, row.Epoch, row.Step, files.Get(row.File));
    }
}

/// <summary>What a row records of an artifact: its bytes (empty when it is a file), and its file, if any.</summary>
internal readonly record struct PlacedArtifact(byte[] Bytes, ArtifactFile? File);
