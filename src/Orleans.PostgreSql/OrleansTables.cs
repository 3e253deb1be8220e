namespace Orleans.PostgreSql;

/// <summary>Which of Orleans' ADO.NET providers a database serves, so which of Orleans' scripts it needs.</summary>
[Flags]
public enum OrleansTables
{
    None = 0,

    /// <summary>Microsoft.Orleans.Clustering.AdoNet: PostgreSQL-Clustering.sql.</summary>
    Clustering = 1,

    /// <summary>Microsoft.Orleans.Persistence.AdoNet: PostgreSQL-Persistence.sql.</summary>
    Persistence = 2,

    /// <summary>Microsoft.Orleans.Reminders.AdoNet: PostgreSQL-Reminders.sql.</summary>
    Reminders = 4,

    All = Clustering | Persistence | Reminders,
}
