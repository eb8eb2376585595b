using System.Data.Common;

namespace Silo.Stores;

/// <summary>Runs parameterised SQL on any ADO.NET connection; parameters are (name, value) pairs, null sent as SQL NULL.</summary>
internal static class Sql
{
    /// <summary>Runs a statement; returns the rows it changed.</summary>
    public static int Execute(DbConnection connection, string sql, DbTransaction? transaction = null, params (string, object?)[] parameters)
    {
        using var command = Command(connection, sql, transaction, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, or null when there is no row.</summary>
    public static object? Scalar(DbConnection connection, string sql, DbTransaction? transaction = null, params (string, object?)[] parameters)
    {
        using var command = Command(connection, sql, transaction, parameters);
        return command.ExecuteScalar() is var value and not DBNull ? value : null;
    }

    /// <summary>Every row, read by <paramref name="read"/>.</summary>
    public static List<T> Query<T>(DbConnection connection, string sql, Func<DbDataReader, T> read, params (string, object?)[] parameters) =>
        Query(connection, sql, read, null, parameters);

    /// <summary>
    /// Every row, read by <paramref name="read"/>, inside <paramref name="transaction"/>. Where the
    /// database runs several statements in one command (PostgreSQL), the rows are the first's,
    /// and every statement has run when it returns.
    /// </summary>
    public static List<T> Query<T>(DbConnection connection, string sql, Func<DbDataReader, T> read, DbTransaction? transaction, params (string, object?)[] parameters)
    {
        using var command = Command(connection, sql, transaction, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        // Through the later statements' results, so that their errors are raised here.
        while (reader.NextResult())
        {
        }
        return rows;
    }

    private static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction, (string, object?)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
