using Microsoft.ML;
using Microsoft.ML.Data;

namespace Crm.CustomerClustering;

/// <summary>
/// Groups customers by k-means (Microsoft.ML's trainer) over recency, frequency, spend and activity. Features are
/// taken as log(1 + x), since spend and counts are long-tailed, and normalized to zero mean and unit variance, so
/// no one feature outweighs the others by its unit. Seeded: the same customers give the same clusters.
/// </summary>
public static class KMeansSegmenter
{
    public const int MaxClusters = 12;

    public static IReadOnlyList<Cluster> Suggest(IReadOnlyList<CustomerFeatures> customers, int clusters)
    {
        if (clusters is < 2 or > MaxClusters)
            throw new ArgumentOutOfRangeException(nameof(clusters), clusters, $"Ask for 2 to {MaxClusters} clusters.");
        if (customers.Count < clusters)
            return [];
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(customers.Select(c => new Row { Features = Vector(c) }));
        var model = ml.Transforms.NormalizeMeanVariance(nameof(Row.Features))
            .Append(ml.Clustering.Trainers.KMeans(nameof(Row.Features), numberOfClusters: clusters))
            .Fit(data);
        var assigned = ml.Data.CreateEnumerable<Assignment>(model.Transform(data), reuseRowObject: false).Select(a => (int)a.PredictedLabel).ToList();
        var overall = Mean(customers);
        return [.. customers.Zip(assigned)
            .GroupBy(p => p.Second, p => p.First)
            .Select(g => Describe([.. g], overall))
            .OrderByDescending(c => c.Centroid.Spend)];
    }

    private static float[] Vector(CustomerFeatures c) =>
        [(float)Math.Log(1 + c.RecencyDays), (float)Math.Log(1 + c.Orders), (float)Math.Log(1 + c.Spend), (float)Math.Log(1 + c.Interactions)];

    private static Cluster Describe(List<CustomerFeatures> members, CustomerFeatures overall)
    {
        var centroid = Mean(members);
        var words = new List<string>
        {
            centroid.Spend > overall.Spend * 1.5 ? "high spend" : centroid.Spend < overall.Spend / 1.5 ? "low spend" : "average spend",
            centroid.Orders > overall.Orders * 1.5 ? "frequent buyers" : centroid.Orders < 1 ? "not yet buying" : "occasional buyers",
            centroid.RecencyDays > overall.RecencyDays * 1.5 ? "gone quiet" : centroid.RecencyDays < overall.RecencyDays / 1.5 ? "recently active" : "active now and then",
        };
        return new Cluster(members.Count, centroid, Range(members, c => c.Orders), Range(members, c => c.Spend), Range(members, c => c.RecencyDays), string.Join(", ", words));
    }

    private static CustomerFeatures Mean(IReadOnlyCollection<CustomerFeatures> members) => new("",
        members.Average(m => m.RecencyDays), members.Average(m => m.Orders), members.Average(m => m.Spend), members.Average(m => m.Interactions));

    private static FeatureRange Range(List<CustomerFeatures> members, Func<CustomerFeatures, double> feature) =>
        new(members.Min(feature), members.Max(feature));

    private sealed class Row
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Assignment
    {
        public uint PredictedLabel { get; set; }
    }
}
