namespace Silo.Stores;

/// <summary>
/// The PostgreSQL schema, one migration per version; the one row of <c>sweep_schema</c> records how
/// many ran. Migrations only ever add, as SQLite's do. Times are the server's (<c>now()</c>), so
/// leases compare against one clock whichever node wrote them.
/// </summary>
internal static class PostgresMigrations
{
    internal static IReadOnlyList<string> All { get; } =
    [
        // 1: sweeps, trials, metrics, artifacts, evaluations, and the indexes claims use.
        """
        CREATE TABLE sweep_schema (version integer NOT NULL);
        INSERT INTO sweep_schema (version) VALUES (0);
        CREATE TABLE sweeps (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE,
            file_text text NOT NULL,
            metric text NOT NULL,
            minimize boolean NOT NULL,
            created timestamptz NOT NULL DEFAULT now());
        CREATE TABLE trials (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            sweep_id bigint NOT NULL REFERENCES sweeps(id),
            idx integer NOT NULL,
            config json NOT NULL,  -- json, not jsonb: it keeps the sweep file's order of options
            status text NOT NULL DEFAULT 'queued',
            attempts integer NOT NULL DEFAULT 0,
            worker text,
            lease_until timestamptz,
            error text,
            flags integer NOT NULL DEFAULT 0,
            step bigint NOT NULL DEFAULT 0,
            total_steps bigint NOT NULL DEFAULT 0,
            started timestamptz,
            finished timestamptz,
            UNIQUE (sweep_id, idx));
        -- "The next queued trial of this sweep" and "a running trial whose lease ran out" read
        -- only these small partial indexes, however many trials have ended.
        CREATE INDEX trials_queued ON trials (sweep_id, idx) WHERE status = 'queued';
        CREATE INDEX trials_leased ON trials (sweep_id, lease_until) WHERE status = 'running';
        CREATE TABLE metrics (
            trial_id bigint NOT NULL REFERENCES trials(id),
            step bigint NOT NULL,
            name text NOT NULL,
            value double precision,  -- NULL for a value that is not finite, as in the SQLite store
            PRIMARY KEY (trial_id, step, name));
        CREATE TABLE artifacts (
            trial_id bigint NOT NULL REFERENCES trials(id),
            kind text NOT NULL,
            epoch bigint NOT NULL,
            step bigint NOT NULL,
            bytes bytea NOT NULL,
            PRIMARY KEY (trial_id, kind, epoch));
        CREATE TABLE evaluations (
            trial_id bigint PRIMARY KEY REFERENCES trials(id),
            fid double precision NOT NULL,
            coverage integer NOT NULL,
            classifier_score double precision NOT NULL,
            largest_class_share double precision NOT NULL,
            samples integer NOT NULL,
            class_counts integer[] NOT NULL);
        """,
        // 2: whether a sweep is running, and Orleans' cluster membership (PostgresMembershipTable):
        // one version row per cluster, whose etag every membership change moves on, and a row per
        // silo with its own etag. The entry itself is JSON; the table reads no field of it but the
        // status, for gateways and for cleaning up dead silos.
        """
        ALTER TABLE sweeps ADD COLUMN active boolean NOT NULL DEFAULT false;
        CREATE TABLE membership_versions (
            cluster_id text PRIMARY KEY,
            version integer NOT NULL,
            etag bigint NOT NULL);
        CREATE TABLE membership_silos (
            cluster_id text NOT NULL REFERENCES membership_versions(cluster_id) ON DELETE CASCADE,
            silo text NOT NULL,
            entry json NOT NULL,
            status integer NOT NULL,
            etag bigint NOT NULL,
            i_am_alive timestamptz NOT NULL,
            updated timestamptz NOT NULL,
            PRIMARY KEY (cluster_id, silo));
        """,
        // 3: artifacts kept as files in the artifact directory, as in the SQLite store's migration 4.
        """
        ALTER TABLE artifacts ADD COLUMN file text;
        ALTER TABLE artifacts ADD COLUMN size bigint;
        ALTER TABLE artifacts ADD COLUMN sha256 text;
        """,
        // 4: as the SQLite store's migration 5: early-termination rules, target and budget, and the step an evaluation scored.
        """
        ALTER TABLE sweeps ADD COLUMN early_terminate text;
        ALTER TABLE sweeps ADD COLUMN target double precision;
        ALTER TABLE sweeps ADD COLUMN budget_s double precision;
        ALTER TABLE evaluations ADD COLUMN step bigint;
        """,
        // 5: as the SQLite store's migration 6: a Bayesian sweep's search space.
        """
        ALTER TABLE sweeps ADD COLUMN search text;
        """,
        // 6: as the SQLite store's migration 8: the trial a population member's stretch starts from.
        """
        ALTER TABLE trials ADD COLUMN parent_id bigint REFERENCES trials(id);
        """,
    ];
}
