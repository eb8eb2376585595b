using Microsoft.Data.Sqlite;

/// <summary>SQL run straight against a database file, around the store: to set up old or foreign files, or damage a sweep's own.</summary>
internal static class RawSql
{
    public static void Execute(string path, string sql)
    {
        using var command = Command(path, sql);
        command.ExecuteNonQuery();
    }

    public static object? Scalar(string path, string sql)
    {
        using var command = Command(path, sql);
        return command.ExecuteScalar();
    }

    private static SqliteCommand Command(string path, string sql)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Disposed += (_, _) => connection.Dispose();
        return command;
    }
}
