namespace Silo.Stores;

/// <summary>What went wrong in the store.</summary>
public enum StoreErrorCode
{
    /// <summary>The file is not a sweep database, or is damaged.</summary>
    Corrupt,
    /// <summary>The database was made by a newer version of sweep.</summary>
    NewerSchema,
    /// <summary>No sweep or trial by that name or number.</summary>
    NotFound,
    /// <summary>A sweep by that name already exists.</summary>
    Conflict,
    /// <summary>The location is a folder, or another application's database.</summary>
    NotAStore,
    /// <summary>The database was made by an older version, and a reading command does not upgrade it.</summary>
    OlderSchema,
    /// <summary>The file or its folder cannot be written.</summary>
    ReadOnly,
    /// <summary>The disk is full.</summary>
    Full,
    /// <summary>The file cannot be opened (a missing folder, no permission), or the server cannot be reached.</summary>
    Unavailable,
    /// <summary>The store location is malformed.</summary>
    BadLocation,
    /// <summary>The server refused the credentials.</summary>
    AccessDenied,
    /// <summary>A worker wrote to a trial it no longer holds: its claim was taken over.</summary>
    LostClaim,
    /// <summary>The database is reachable but holds no sweep tables yet: nothing has been stored in it (a reading command does not create them).</summary>
    Empty,
}

/// <summary>The store's one exception type; <see cref="Code"/> says what kind of problem it is.</summary>
public sealed class StoreException(StoreErrorCode code, string message) : Exception(message)
{
    /// <summary>The kind of problem.</summary>
    public StoreErrorCode Code { get; } = code;

    /// <summary>The refusal of a write whose claim was taken over.</summary>
    internal static StoreException LostClaim(TrialClaim claim) =>
        new(StoreErrorCode.LostClaim,
            $"Trial {claim.TrialId} is no longer held by {claim.Worker} (attempt {claim.Attempt}): its lease ran out and it was claimed again, so this attempt stops and its writes are refused.");
}
