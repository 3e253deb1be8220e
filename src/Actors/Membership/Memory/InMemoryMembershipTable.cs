namespace Actors.Membership.Memory;

/// <summary>A membership table in process memory, shared by the silos of one in-process test cluster.</summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private static readonly SiloStatus[] Living = [SiloStatus.Joining, SiloStatus.Active, SiloStatus.ShuttingDown];

    private readonly Dictionary<SiloAddress, SiloEntry> _rows = new();
    private readonly Dictionary<SiloAddress, Dictionary<SiloAddress, DateTimeOffset>> _votes = new();
    private long _version;

    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            var silos = _rows.Values.Select(row => _votes.TryGetValue(row.Address, out var votes)
                ? row with { Suspicions = votes.Select(v => new SiloSuspicion(v.Key, v.Value)).ToList() }
                : row).ToList();
            return Task.FromResult(new MembershipSnapshot(_version, silos));
        }
    }

    public Task InsertAsync(SiloEntry entry, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            if (!_rows.TryAdd(entry.Address, entry with { Suspicions = [] }))
                throw new InvalidOperationException($"Silo {entry.Address} is already in the membership table.");
            _version++;
        }
        return Task.CompletedTask;
    }

    public Task<bool> UpdateStatusAsync(SiloAddress silo, SiloStatus status, IReadOnlyCollection<SiloStatus> expected, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            if (!_rows.TryGetValue(silo, out var row) || !expected.Contains(row.Status))
                return Task.FromResult(false);
            _rows[silo] = row with { Status = status };
            _version++;
            return Task.FromResult(true);
        }
    }

    public Task<bool> SuspectAsync(SiloAddress silo, SiloAddress voter, DateTimeOffset at, bool declareDead, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            if (_version != expectedVersion || !_rows.TryGetValue(silo, out var row))
                return Task.FromResult(false);
            if (declareDead && !Living.Contains(row.Status))
                return Task.FromResult(false);
            if (!_votes.TryGetValue(silo, out var votes))
                _votes[silo] = votes = new Dictionary<SiloAddress, DateTimeOffset>();
            votes[voter] = at;
            if (declareDead)
            {
                _rows[silo] = row with { Status = SiloStatus.Dead };
                _version++;
            }
            return Task.FromResult(true);
        }
    }

    public Task HeartbeatAsync(SiloAddress silo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            if (_rows.TryGetValue(silo, out var row))
                _rows[silo] = row with { HeartbeatAt = now };
        }
        return Task.CompletedTask;
    }

    public Task CleanupAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            foreach (var dead in _rows.Values.Where(r => r.Status == SiloStatus.Dead && r.HeartbeatAt < before).ToList())
                _rows.Remove(dead.Address);
            foreach (var (silo, votes) in _votes.ToList())
            {
                foreach (var old in votes.Where(v => v.Value < before).Select(v => v.Key).ToList())
                    votes.Remove(old);
                if (votes.Count == 0 || !_rows.ContainsKey(silo))
                    _votes.Remove(silo);
            }
        }
        return Task.CompletedTask;
    }
}
