using Silo.Stores;

public sealed class StoreLocationTests
{
    [Theory]
    [InlineData("sweeps.db", "sweeps.db")]
    [InlineData("/data/runs/sweeps.db", "/data/runs/sweeps.db")]
    [InlineData("sqlite:/data/runs/sweeps.db", "/data/runs/sweeps.db")]
    public void A_path_names_a_sqlite_file(string text, string path)
    {
        var location = StoreLocation.Parse(text);

        Assert.Equal((StoreKind.Sqlite, path, text), (location.Kind, location.Target, location.Text));
    }

    [Fact]
    public void A_postgres_url_becomes_a_pooled_connection_and_is_shown_without_its_password()
    {
        var location = StoreLocation.Parse("postgres://sweep:s3cr%40t@db.cluster.local:6543/sweeps?Timeout=7");

        Assert.Equal(StoreKind.Postgres, location.Kind);
        var target = new Npgsql.NpgsqlConnectionStringBuilder(location.Target);
        Assert.Equal(("db.cluster.local", 6543, "sweeps", "sweep", "s3cr@t", 7, true),
            (target.Host, target.Port, target.Database, target.Username, target.Password, target.Timeout, target.Pooling));
        Assert.Equal("postgres://sweep@db.cluster.local:6543/sweeps", location.ToString());
        Assert.DoesNotContain("s3cr", location.Display);
    }

    [Fact]
    public void A_postgres_url_leaves_gss_encryption_off_unless_it_asks_for_it()
    {
        var plain = new Npgsql.NpgsqlConnectionStringBuilder(StoreLocation.Parse("postgres://sweep@db/sweeps").Target);
        var asked = new Npgsql.NpgsqlConnectionStringBuilder(StoreLocation.Parse("postgres://sweep@db/sweeps?GssEncryptionMode=Prefer").Target);

        Assert.Equal(Npgsql.GssEncryptionMode.Disable, plain.GssEncryptionMode);
        Assert.Equal(Npgsql.GssEncryptionMode.Prefer, asked.GssEncryptionMode);
    }

    [Fact]
    public void A_url_without_a_port_uses_postgres_default_port()
    {
        Assert.Equal(5432, new Npgsql.NpgsqlConnectionStringBuilder(StoreLocation.Parse("postgresql://me@localhost/sweeps").Target).Port);
    }

    [Theory]
    [InlineData("postgres://me:pw@host:5432", "names no database")]
    [InlineData("postgres://me:pw@host:5432/sweeps?Frobnicate=1", "'Frobnicate=1' is not a connection setting")]
    [InlineData("postgres://me:pw@host:5432/sweeps?sslmode=bogus", "'sslmode=bogus' is not a connection setting")]
    [InlineData("postgres://", "not a URL with a host")]
    public void A_malformed_url_is_refused_without_echoing_its_password(string text, string why)
    {
        var error = Assert.Throws<StoreException>(() => StoreLocation.Parse(text));

        Assert.Equal(StoreErrorCode.BadLocation, error.Code);
        Assert.Contains(why, error.Message);
        Assert.Contains("postgres://USER:PASSWORD@HOST:PORT/DATABASE", error.Message);
        Assert.DoesNotContain(":pw@", error.Message);
    }
}
