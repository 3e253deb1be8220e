namespace Orleans.Sqlite.GrainStorage;

internal static class GrainStateSchema
{
    // The service id and provider name lead the key, so services and providers sharing a file never see each other's rows.
    // A cleared state keeps its row with a NULL payload and a new ETag, unless the provider deletes rows on clear.
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS orleans_grain_state (
            service_id TEXT NOT NULL,
            provider_name TEXT NOT NULL,
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            state_name TEXT NOT NULL,
            etag TEXT NOT NULL,
            payload BLOB NULL,
            modified_at INTEGER NOT NULL,
            PRIMARY KEY (service_id, provider_name, grain_type, grain_key, state_name)
        ) WITHOUT ROWID;
        """;
}
