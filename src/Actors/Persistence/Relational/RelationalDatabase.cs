using System.Data;
using System.Data.Common;

namespace Actors.Persistence.Relational;

/// <summary>
/// A SQL store (SQLite on one machine, PostgreSQL across machines) holding actor state, the membership table and
/// reminders. The tables and statements are shared; a dialect supplies connections, its DDL and its transaction modes.
/// Statements use @name parameters, which both providers accept.
/// </summary>
public abstract class RelationalDatabase
{
    private readonly Lazy<bool> _schema;

    protected RelationalDatabase() => _schema = new Lazy<bool>(() =>
    {
        using var connection = OpenConnection();
        CreateSchema(connection);
        return true;
    });

    /// <summary>Where the data lives, for error messages (a file path or a host/database).</summary>
    public abstract string Description { get; }

    /// <summary>An open connection; the schema exists once this returns.</summary>
    public DbConnection Open()
    {
        _ = _schema.Value;
        return OpenConnection();
    }

    protected abstract DbConnection OpenConnection();

    protected abstract void CreateSchema(DbConnection connection);

    /// <summary>A transaction that writes: it must serialize with other writers of the same rows.</summary>
    public virtual DbTransaction BeginWrite(DbConnection connection) => connection.BeginTransaction(IsolationLevel.ReadCommitted);

    /// <summary>A read-only snapshot (membership version and rows read together).</summary>
    public virtual DbTransaction BeginSnapshot(DbConnection connection) => connection.BeginTransaction(IsolationLevel.RepeatableRead);

    /// <summary>Called on the connection of each group commit, before its transaction.</summary>
    public virtual void PrepareDurableWrite(DbConnection connection)
    {
    }

    public static void Execute(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}

internal static class DbCommandExtensions
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Sets a parameter, adding it on first use, so a prepared statement can be re-bound per row.</summary>
    public static void Set(this DbCommand command, string name, object value)
    {
        if (command.Parameters.Contains(name))
            command.Parameters[name].Value = value;
        else
            command.With(name, value);
    }
}
