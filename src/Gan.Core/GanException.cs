namespace Gan.Core;

/// <summary>What went wrong, for a <see cref="GanException"/>.</summary>
public enum GanErrorCode
{
    /// <summary>A data file is missing.</summary>
    MissingFile,
    /// <summary>A data file is truncated, corrupt or not what its name says.</summary>
    CorruptFile,
    /// <summary>No dataset, architecture or optimizer by that name.</summary>
    UnknownName,
    /// <summary>A training option is invalid.</summary>
    InvalidOption,
    /// <summary>A checkpoint is damaged, or does not fit the trial it is resumed into.</summary>
    IncompatibleCheckpoint,
    /// <summary>A checkpoint was written by an older sweep in a format this version cannot read.</summary>
    OutdatedCheckpoint,
}

/// <summary>The one exception type of Gan.Core; <see cref="Code"/> says what kind of problem it is.</summary>
public sealed class GanException(GanErrorCode code, string message) : Exception(message)
{
    /// <summary>The kind of problem.</summary>
    public GanErrorCode Code { get; } = code;
}
