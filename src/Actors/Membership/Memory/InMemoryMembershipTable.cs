namespace Actors.Membership.Memory;

/// <summary>A membership table in process memory, shared by the silos of one in-process test cluster.</summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Dictionary<SiloAddress, SiloEntry> _rows = new();
    private long _version;

    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        lock (_rows)
            return Task.FromResult(new MembershipSnapshot(_version, _rows.Values.ToList()));
    }

    public Task InsertAsync(SiloEntry entry, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            if (!_rows.TryAdd(entry.Address, entry))
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
        }
        return Task.CompletedTask;
    }
}
