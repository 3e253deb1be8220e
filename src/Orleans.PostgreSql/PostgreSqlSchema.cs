using Npgsql;

namespace Orleans.PostgreSql;

/// <summary>
/// Applies Orleans' own PostgreSQL scripts (embedded, as Orleans wrote them) to a database, each only if its tables
/// are not there yet. Orleans' ADO.NET packages ship no SQL, and their providers read their queries from the
/// OrleansQuery table when a silo starts, so this must run before Orleans starts.
/// </summary>
public static class PostgreSqlSchema
{
    // Any fixed number: every process that creates Orleans' tables takes this lock, so they take turns.
    private const long AdvisoryLockKey = 0x4f524c45414e5331; // "ORLEANS1"

    /// <summary>Each script with the table that exists once it ran; Main (the OrleansQuery table) comes first.</summary>
    private static readonly (OrleansTables Tables, string Script, string Table)[] Scripts =
    [
        (OrleansTables.All, "PostgreSQL-Main.sql", "orleansquery"),
        (OrleansTables.Clustering, "PostgreSQL-Clustering.sql", "orleansmembershiptable"),
        (OrleansTables.Persistence, "PostgreSQL-Persistence.sql", "orleansstorage"),
        (OrleansTables.Reminders, "PostgreSQL-Reminders.sql", "orleansreminderstable"),
    ];

    /// <summary>
    /// Creates the tables and queries of <paramref name="tables"/> in the database, in one transaction under an advisory
    /// lock: silos starting at once wait for each other, the first creates the tables, the others find them. A
    /// database already set up (by this or by hand with the same scripts) is left as it is.
    /// </summary>
    /// <returns>The scripts applied now (none if everything was there).</returns>
    public static async Task<IReadOnlyList<string>> EnsureAsync(string connectionString, OrleansTables tables, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var applied = new List<string>();
        if (tables == OrleansTables.None)
            return applied;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", connection, transaction))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (scriptTables, script, table) in Scripts)
        {
            if ((scriptTables & tables) == 0 || await TableExistsAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false))
                continue;
            await using var command = new NpgsqlCommand(await ReadScriptAsync(script).ConfigureAwait(false), connection, transaction);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                throw new InvalidOperationException(
                    $"Applying Orleans' {script} to PostgreSQL database '{connection.Database}' failed ({e.SqlState}: {e.MessageText}). " +
                    "Nothing was changed; if the database holds Orleans tables of another version, drop them or set them up by hand.", e);
            }
            applied.Add(script);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    private static async Task<bool> TableExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection, transaction);
        command.Parameters.AddWithValue("table", table);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<string> ReadScriptAsync(string script)
    {
        await using var stream = typeof(PostgreSqlSchema).Assembly.GetManifestResourceStream(script)
            ?? throw new InvalidOperationException($"Orleans' {script} is missing from {typeof(PostgreSqlSchema).Assembly.GetName().Name}: the build did not embed it.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }
}
