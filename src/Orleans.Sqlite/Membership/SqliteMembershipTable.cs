using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Orleans.Sqlite.Membership;

/// <summary>
/// Orleans' membership table in a SQLite file that several silo processes of one machine share. Every change runs in
/// one write transaction (BEGIN IMMEDIATE, so the processes take turns) that first checks the caller's table version:
/// it must be the <see cref="TableVersion.Next"/> of the version and ETag the caller read, and an update must also
/// carry the row's current ETag. A silo that acts on a stale view of the cluster is refused and reads again.
/// </summary>
public sealed partial class SqliteMembershipTable(
    IOptions<SqliteClusteringOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    ILogger<SqliteMembershipTable> logger) : IMembershipTable
{
    private const string Columns =
        "address, port, generation, silo_name, host_name, status, proxy_port, role_name, update_zone, fault_zone, suspect_times, start_time, i_am_alive_time, updated_at, etag";

    private readonly SqliteDatabase _database = new(options.Value.ConnectionString, "Orleans:Clustering:ConnectionString", MembershipSchema.Sql);
    private readonly string _clusterId = clusterOptions.Value.ClusterId
        ?? throw new ArgumentException("Orleans:ClusterId is empty: every silo of one cluster must name the same cluster id.");

    // Statements run on the thread pool: waiting for another process's write lock must not block an Orleans scheduler thread.
    public Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken) => Task.Run(() =>
    {
        _database.EnsureSchema();
        if (tryInitTableVersion)
        {
            using var connection = _database.Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            connection.Execute(
                "INSERT INTO orleans_membership_version (cluster_id, version, etag) VALUES (@cluster, 0, @etag) ON CONFLICT (cluster_id) DO NOTHING",
                transaction, ("@cluster", _clusterId), ("@etag", ETags.New()));
            transaction.Commit();
        }
    }, cancellationToken);

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken) => Task.Run(() =>
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        connection.Execute("DELETE FROM orleans_membership WHERE cluster_id = @cluster", transaction, ("@cluster", clusterId));
        connection.Execute("DELETE FROM orleans_membership_version WHERE cluster_id = @cluster", transaction, ("@cluster", clusterId));
        transaction.Commit();
    }, cancellationToken);

    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken) => Task.Run(() =>
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var removed = connection.Execute(
            "DELETE FROM orleans_membership WHERE cluster_id = @cluster AND updated_at < @before AND status <> @active",
            transaction, ("@cluster", _clusterId), ("@before", beforeDate.UtcTicks), ("@active", (int)SiloStatus.Active));
        transaction.Commit();
        LogDefunctRemoved(removed, _clusterId, beforeDate);
    }, cancellationToken);

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken) => Task.Run(() => Read(key), cancellationToken);

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken) => Task.Run(() => Read(null), cancellationToken);

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken) =>
        Task.Run(() => Change(tableVersion, entry, (connection, transaction) => connection.Execute($"""
            INSERT INTO orleans_membership (cluster_id, {Columns})
            VALUES (@cluster, @address, @port, @generation, @silo_name, @host_name, @status, @proxy_port, @role_name,
                    @update_zone, @fault_zone, @suspect_times, @start_time, @i_am_alive_time, @updated_at, @etag)
            ON CONFLICT DO NOTHING
            """, transaction, Parameters(entry)) == 1), cancellationToken);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken) =>
        Task.Run(() => Change(tableVersion, entry, (connection, transaction) => connection.Execute("""
            UPDATE orleans_membership SET silo_name = @silo_name, host_name = @host_name, status = @status,
                proxy_port = @proxy_port, role_name = @role_name, update_zone = @update_zone, fault_zone = @fault_zone,
                suspect_times = @suspect_times, start_time = @start_time, i_am_alive_time = @i_am_alive_time,
                updated_at = @updated_at, etag = @etag
            WHERE cluster_id = @cluster AND address = @address AND port = @port AND generation = @generation AND etag = @expected
            """, transaction, [.. Parameters(entry), ("@expected", etag)]) == 1), cancellationToken);

    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken) => Task.Run(() =>
    {
        // Not a membership change: no version check, and the row keeps its ETag.
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        connection.Execute(
            """
            UPDATE orleans_membership SET i_am_alive_time = @time, updated_at = MAX(updated_at, @time)
            WHERE cluster_id = @cluster AND address = @address AND port = @port AND generation = @generation
            """,
            transaction, [("@time", UtcTicks.From(entry.IAmAliveTime)), .. Key(entry.SiloAddress)]);
        transaction.Commit();
    }, cancellationToken);

    // Orleans 10.4 calls the *Async members above; these older members are still abstract, so they delegate.
    Task IMembershipTable.InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    Task IMembershipTable.DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    Task IMembershipTable.CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    Task<MembershipTableData> IMembershipTable.ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    Task<MembershipTableData> IMembershipTable.ReadAll() => ReadAllAsync(CancellationToken.None);

    Task<bool> IMembershipTable.InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    Task<bool> IMembershipTable.UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    Task IMembershipTable.UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    private MembershipTableData Read(SiloAddress? key)
    {
        using var connection = _database.Open();
        // One read transaction: the version and the rows come from the same snapshot.
        using var transaction = connection.BeginTransaction(deferred: true);
        var version = ReadVersion(connection, transaction);
        var sql = $"SELECT {Columns} FROM orleans_membership WHERE cluster_id = @cluster"
            + (key is null ? "" : " AND address = @address AND port = @port AND generation = @generation");
        using var command = connection.Command(sql, transaction, key is null ? [("@cluster", _clusterId)] : Key(key));
        using var reader = command.ExecuteReader();
        var rows = new List<Tuple<MembershipEntry, string>>();
        while (reader.Read())
            rows.Add(Tuple.Create(ReadEntry(reader), reader.GetString(14)));
        return new MembershipTableData(rows, version);
    }

    private TableVersion ReadVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.Command(
            "SELECT version, etag FROM orleans_membership_version WHERE cluster_id = @cluster", transaction, ("@cluster", _clusterId));
        using var reader = command.ExecuteReader();
        // A table nobody initialized yet reads as version 0; the first insert creates the version row.
        return reader.Read() ? new TableVersion(reader.GetInt32(0), reader.GetString(1)) : new TableVersion(0, "0");
    }

    /// <summary>
    /// Runs one membership change: it happens only if <paramref name="tableVersion"/> is the next version of the one
    /// stored, and then the stored version becomes <paramref name="tableVersion"/> with a new ETag.
    /// </summary>
    private bool Change(TableVersion tableVersion, MembershipEntry entry, Func<SqliteConnection, SqliteTransaction, bool> change)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = ReadVersion(connection, transaction);
        if (tableVersion.Version != current.Version + 1 || tableVersion.VersionEtag != current.VersionEtag)
        {
            LogStaleVersion(entry.SiloAddress, tableVersion, current);
            return false;
        }
        if (!change(connection, transaction))
        {
            LogRowRefused(entry.SiloAddress);
            return false;
        }
        connection.Execute("""
            INSERT INTO orleans_membership_version (cluster_id, version, etag) VALUES (@cluster, @version, @etag)
            ON CONFLICT (cluster_id) DO UPDATE SET version = excluded.version, etag = excluded.etag
            """, transaction, ("@cluster", _clusterId), ("@version", tableVersion.Version), ("@etag", ETags.New()));
        transaction.Commit();
        return true;
    }

    private (string, object?)[] Key(SiloAddress silo) =>
    [
        ("@cluster", _clusterId),
        ("@address", silo.Endpoint.Address.ToString()),
        ("@port", silo.Endpoint.Port),
        ("@generation", silo.Generation),
    ];

    private (string, object?)[] Parameters(MembershipEntry entry) =>
    [
        .. Key(entry.SiloAddress),
        ("@silo_name", entry.SiloName ?? ""),
        ("@host_name", entry.HostName ?? ""),
        ("@status", (int)entry.Status),
        ("@proxy_port", entry.ProxyPort),
        ("@role_name", entry.RoleName),
        ("@update_zone", entry.UpdateZone),
        ("@fault_zone", entry.FaultZone),
        ("@suspect_times", FormatSuspectTimes(entry.SuspectTimes)),
        ("@start_time", UtcTicks.From(entry.StartTime)),
        ("@i_am_alive_time", UtcTicks.From(entry.IAmAliveTime)),
        ("@updated_at", LastUpdate(entry)),
        ("@etag", ETags.New()),
    ];

    private static MembershipEntry ReadEntry(SqliteDataReader reader) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Parse(reader.GetString(0)), reader.GetInt32(1)), reader.GetInt32(2)),
        SiloName = reader.GetString(3),
        HostName = reader.GetString(4),
        Status = (SiloStatus)reader.GetInt32(5),
        ProxyPort = reader.GetInt32(6),
        RoleName = reader.IsDBNull(7) ? null : reader.GetString(7),
        UpdateZone = reader.GetInt32(8),
        FaultZone = reader.GetInt32(9),
        SuspectTimes = reader.IsDBNull(10) ? null : ParseSuspectTimes(reader.GetString(10)),
        StartTime = UtcTicks.ToDateTime(reader.GetInt64(11)),
        IAmAliveTime = UtcTicks.ToDateTime(reader.GetInt64(12)),
    };

    private static long LastUpdate(MembershipEntry entry) =>
        Math.Max(Math.Max(UtcTicks.From(entry.StartTime), UtcTicks.From(entry.IAmAliveTime)),
            entry.SuspectTimes?.Select(vote => UtcTicks.From(vote.Item2)).DefaultIfEmpty().Max() ?? 0);

    // Votes as "silo,ticks" joined by '|': a silo's parsable form ("127.0.0.1:11111@12345") holds neither separator.
    private static string? FormatSuspectTimes(List<Tuple<SiloAddress, DateTime>>? votes) => votes is null
        ? null
        : string.Join('|', votes.Select(vote => $"{vote.Item1.ToParsableString()},{UtcTicks.From(vote.Item2).ToString(CultureInfo.InvariantCulture)}"));

    private static List<Tuple<SiloAddress, DateTime>> ParseSuspectTimes(string text) =>
    [
        .. text.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(vote =>
        {
            var comma = vote.LastIndexOf(',');
            return Tuple.Create(SiloAddress.FromParsableString(vote[..comma]),
                UtcTicks.ToDateTime(long.Parse(vote[(comma + 1)..], CultureInfo.InvariantCulture)));
        }),
    ];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership change for {Silo} refused: it was based on table version {Given}, the table is at {Current}.")]
    private partial void LogStaleVersion(SiloAddress silo, TableVersion given, TableVersion current);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership change for {Silo} refused: the row already exists (insert) or its ETag changed (update).")]
    private partial void LogRowRefused(SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} defunct silo entries of cluster {ClusterId} last alive before {Before}.")]
    private partial void LogDefunctRemoved(int count, string clusterId, DateTimeOffset before);
}
