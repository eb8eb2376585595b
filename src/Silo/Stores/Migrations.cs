namespace Silo.Stores;

/// <summary>
/// The SQLite schema, one migration per version; PRAGMA user_version records how many ran.
/// Migrations only ever add: a database made by any older version opens and upgrades in place.
/// </summary>
internal static class Migrations
{
    internal static IReadOnlyList<string> All { get; } =
    [
        // 1: sweeps, trials, metrics, artifacts, evaluations.
        """
        CREATE TABLE sweeps (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            file_text TEXT NOT NULL,
            metric TEXT NOT NULL,
            minimize INTEGER NOT NULL,
            created TEXT NOT NULL);
        CREATE TABLE trials (
            id INTEGER PRIMARY KEY,
            sweep_id INTEGER NOT NULL REFERENCES sweeps(id),
            idx INTEGER NOT NULL,
            config TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'queued',
            attempts INTEGER NOT NULL DEFAULT 0,
            worker TEXT,
            lease_until REAL,
            error TEXT,
            started TEXT,
            finished TEXT,
            UNIQUE (sweep_id, idx));
        CREATE TABLE metrics (
            trial_id INTEGER NOT NULL REFERENCES trials(id),
            step INTEGER NOT NULL,
            name TEXT NOT NULL,
            value REAL,  -- NULL for NaN, which SQLite cannot store
            PRIMARY KEY (trial_id, step, name)) WITHOUT ROWID;
        CREATE TABLE artifacts (
            trial_id INTEGER NOT NULL REFERENCES trials(id),
            kind TEXT NOT NULL,
            epoch INTEGER NOT NULL,
            step INTEGER NOT NULL,
            bytes BLOB NOT NULL,
            PRIMARY KEY (trial_id, kind, epoch));
        CREATE TABLE evaluations (
            trial_id INTEGER PRIMARY KEY REFERENCES trials(id),
            fid REAL NOT NULL,
            coverage INTEGER NOT NULL,
            classifier_score REAL NOT NULL,
            largest_class_share REAL NOT NULL,
            samples INTEGER NOT NULL);
        """,
        // 2: health flags and progress on trials, per-class counts on evaluations.
        """
        ALTER TABLE trials ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE trials ADD COLUMN step INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE trials ADD COLUMN total_steps INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE evaluations ADD COLUMN class_counts TEXT NOT NULL DEFAULT '[]';
        """,
        // 3: whether a sweep is running, so that the cluster's scheduler finds it again after a restart.
        """
        ALTER TABLE sweeps ADD COLUMN active INTEGER NOT NULL DEFAULT 0;
        """,
        // 4: artifacts kept as files in the artifact directory (ArtifactPlacement): the row holds
        // an empty blob and the file's key, size and SHA-256.
        """
        ALTER TABLE artifacts ADD COLUMN file TEXT;
        ALTER TABLE artifacts ADD COLUMN size INTEGER;
        ALTER TABLE artifacts ADD COLUMN sha256 TEXT;
        """,
        // 5: a sweep's early-termination rules (JSON), its target and time budget, and the step of the generator an evaluation scored.
        """
        ALTER TABLE sweeps ADD COLUMN early_terminate TEXT;
        ALTER TABLE sweeps ADD COLUMN target REAL;
        ALTER TABLE sweeps ADD COLUMN budget_s REAL;
        ALTER TABLE evaluations ADD COLUMN step INTEGER;
        """,
        // 6: a Bayesian sweep's search space (JSON), from which the scheduler proposes its trials.
        """
        ALTER TABLE sweeps ADD COLUMN search TEXT;
        """,
        // 7: a sweep's trials by state, in queue order: the next queued trial, the running ones and
        // the counts by state are found without walking past the trials that ended, however many.
        """
        CREATE INDEX trials_by_state ON trials (sweep_id, status, idx);
        """,
        // 8: the trial whose checkpoint a population member's stretch starts from (method: pbt).
        """
        ALTER TABLE trials ADD COLUMN parent_id INTEGER REFERENCES trials(id);
        """,
    ];
}
