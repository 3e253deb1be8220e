namespace Orleans.Sqlite.Membership;

/// <summary>The membership tables. The cluster id leads every key, so clusters sharing a file never see each other.</summary>
internal static class MembershipSchema
{
    public const string Sql = """
        -- One row per cluster: the table version that every membership change must advance by exactly one.
        CREATE TABLE IF NOT EXISTS orleans_membership_version (
            cluster_id TEXT NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL,
            etag TEXT NOT NULL
        ) WITHOUT ROWID;
        -- One row per silo incarnation (address, port, generation). Times are UTC ticks.
        CREATE TABLE IF NOT EXISTS orleans_membership (
            cluster_id TEXT NOT NULL,
            address TEXT NOT NULL,
            port INTEGER NOT NULL,
            generation INTEGER NOT NULL,
            silo_name TEXT NOT NULL,
            host_name TEXT NOT NULL,
            status INTEGER NOT NULL,
            proxy_port INTEGER NOT NULL,
            role_name TEXT NULL,
            update_zone INTEGER NOT NULL,
            fault_zone INTEGER NOT NULL,
            suspect_times TEXT NULL,
            start_time INTEGER NOT NULL,
            i_am_alive_time INTEGER NOT NULL,
            -- The last known update: the latest of start, heartbeat and suspicion votes (what cleanup compares).
            updated_at INTEGER NOT NULL,
            etag TEXT NOT NULL,
            PRIMARY KEY (cluster_id, address, port, generation)
        ) WITHOUT ROWID;
        """;
}
