using System.Data.Common;

namespace Silo.Stores;

/// <summary>An artifact row: when it was made, and its bytes, or (with a file) an empty blob and the file's reference.</summary>
internal sealed record ArtifactRow(long Epoch, long Step, byte[] Bytes, ArtifactFile? File);

/// <summary>How both stores select and read artifact rows.</summary>
internal static class ArtifactRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns = "epoch, step, bytes, file, size, sha256";

    /// <summary>Reads a row selected with <see cref="Columns"/>.</summary>
    public static ArtifactRow Read(DbDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), (byte[])r.GetValue(2), r.IsDBNull(3) ? null : new ArtifactFile(r.GetString(3), r.GetInt64(4), r.GetString(5)));
}
