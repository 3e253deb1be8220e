using Crm.Contracts.Customers;

namespace Crm.CustomerSilo.Customers;

/// <summary>
/// How a duplicate is folded into the customer that survives it: the survivor keeps its id and its details, fills
/// the details it lacks from the other, and takes all of the other's records, counters and history.
/// </summary>
public static class CustomerMerge
{
    public static void Absorb(CustomerState survivor, CustomerState other, string otherId, string by, DateTimeOffset now)
    {
        // The stage of whichever was active last describes the relationship now; the move is recorded, never silent.
        var otherIsNewer = (other.Tally.LastAt ?? other.CreatedAt) > (survivor.Tally.LastAt ?? survivor.CreatedAt);
        var mine = survivor.Details;
        var theirs = other.Details;
        survivor.Details = mine with
        {
            Email = mine.Email ?? theirs.Email,
            Phone = mine.Phone ?? theirs.Phone,
            Birthday = mine.Birthday ?? theirs.Birthday,
            Gender = mine.Gender ?? theirs.Gender,
            AgeBand = mine.AgeBand ?? theirs.AgeBand,
            IncomeBand = mine.IncomeBand ?? theirs.IncomeBand,
            Address = mine.Address ?? theirs.Address,
            SourceChannel = mine.SourceChannel ?? theirs.SourceChannel,
            Tags = [.. (mine.Tags ?? []).Union(theirs.Tags ?? [])],
            CustomFields = (theirs.CustomFields ?? new Dictionary<string, string>())
                .Concat(mine.CustomFields ?? new Dictionary<string, string>())
                .GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            OwnerId = mine.OwnerId ?? theirs.OwnerId,
        };
        if (other.CreatedAt < survivor.CreatedAt)
            survivor.CreatedAt = other.CreatedAt;

        // The other's records keep their content; their ids get a prefix so they stay unique in the survivor.
        var prefix = $"m{survivor.Merges.Count + 1}-";
        survivor.Orders.AddRange(other.Orders.Select(o => o with { Id = prefix + o.Id }));
        survivor.Complaints.AddRange(other.Complaints.Select(c => c with { Id = prefix + c.Id }));
        survivor.Surveys.AddRange(other.Surveys.Select(s => s with { Id = prefix + s.Id }));
        survivor.FollowUps.AddRange(other.FollowUps.Select(f => f with { Id = prefix + f.Id }));
        survivor.Orders.Sort((a, b) => a.At.CompareTo(b.At));
        survivor.Surveys.Sort((a, b) => a.At.CompareTo(b.At));
        var touches = new Counters.InteractionTally();
        touches.Absorb(other.Tally, now);
        touches.Recent = [.. touches.Recent.Select(t => t.RecordId is null ? t : t with { RecordId = prefix + t.RecordId })];
        survivor.Tally.Absorb(touches, now);

        survivor.StageHistory = [.. survivor.StageHistory.Concat(other.StageHistory).OrderBy(c => c.At)];
        if (otherIsNewer && other.Stage != survivor.Stage)
        {
            Lifecycle.StageRules.Apply(survivor, new StageChange(survivor.Stage, other.Stage, now,
                $"Merged with {otherId}, which was active more recently.", by));
        }
        survivor.WinBacks += other.WinBacks;
        survivor.Merges.AddRange(other.Merges);
        survivor.Merges.Add(new MergeRecord(otherId, now, by));
    }
}
