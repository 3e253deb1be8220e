namespace Actors.Hosting;

/// <summary>The configuration section "Actors", shared by silos and clients.</summary>
public sealed class ActorsOptions
{
    public const string Section = "Actors";

    /// <summary>Silos and clients with the same cluster id and store form one cluster.</summary>
    public string ClusterId { get; set; } = "crm";

    public StorageOptions Storage { get; set; } = new();

    public SiloOptions Silo { get; set; } = new();

    public MembershipOptions Membership { get; set; } = new();

    public ActivationOptions Activations { get; set; } = new();

    public ReminderOptions Reminders { get; set; } = new();

    /// <summary>How long a caller waits for an actor call before it fails with <see cref="Invocation.ActorCallTimeoutException"/>.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class StorageOptions
{
    /// <summary>"sqlite" (default, one machine), "postgres" (clusters across machines) or "memory" (tests, one process).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>sqlite: "Data Source=/abs/path/actors.db"; postgres: an Npgsql connection string; memory: any name (equal names share one store in-process).</summary>
    public string ConnectionString { get; set; } = "";
}

public sealed class SiloOptions
{
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>0 picks any free port; the silo writes the real one into the membership table.</summary>
    public int Port { get; set; }
}

public sealed class MembershipOptions
{
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often silos and clients re-read the membership table.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose last heartbeat is older than this is declared Dead by the others.</summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How often an Active silo sends a ping to each silo it probes (over the silo-to-silo connection).</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A ping not answered within this is a missed probe.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How many other Active silos each silo probes: its successors in a ring ordered by a stable hash. 0 turns probing off.</summary>
    public int ProbedSilos { get; set; } = 3;

    /// <summary>After this many consecutive missed probes, the prober writes a suspicion vote against the silo.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>
    /// Votes from this many distinct Active silos declare a silo Dead; never more than the silos that probe it
    /// (min of this, <see cref="ProbedSilos"/> and the other Active silos), so 1 when only two silos are Active.
    /// </summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>A suspicion vote older than this no longer counts (the death window).</summary>
    public TimeSpan VoteExpiration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The votes needed to declare a silo Dead when <paramref name="activeSilos"/> silos are Active (the suspect included).</summary>
    public int VotesNeeded(int activeSilos) => Math.Max(1, Math.Min(VotesForDeath, Math.Min(Math.Max(ProbedSilos, 1), activeSilos - 1)));
}

public sealed class ActivationOptions
{
    /// <summary>Activations idle for longer than this are deactivated (per kind: AddActor's idleAge).</summary>
    public TimeSpan IdleAge { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Above this many resident activations, the least recently used idle ones are deactivated.</summary>
    public int MaxActivations { get; set; } = 2_000_000;

    /// <summary>Above this memory load (percent of the memory available to the process) idle activations are shed, least recently used first.</summary>
    public int MemoryLoadLimitPercent { get; set; } = 90;
}

public sealed class ReminderOptions
{
    /// <summary>How often each silo looks for due reminders; a tick fires at most this late.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
