using Crm.CustomerClustering;

namespace CustomerClustering.Tests;

public sealed class KMeansSegmenterTests
{
    /// <summary>Three kinds of customer, with some spread within each kind.</summary>
    private static List<CustomerFeatures> ThreeKinds()
    {
        var random = new Random(7);
        var customers = new List<CustomerFeatures>();
        void Add(string kind, int count, double recency, double orders, double spend, double interactions)
        {
            for (var i = 0; i < count; i++)
                customers.Add(new($"{kind}{i}", recency * (0.8 + 0.4 * random.NextDouble()), orders * (0.8 + 0.4 * random.NextDouble()),
                    spend * (0.8 + 0.4 * random.NextDouble()), interactions * (0.8 + 0.4 * random.NextDouble())));
        }
        Add("vip", 40, recency: 5, orders: 30, spend: 20_000, interactions: 200);
        Add("casual", 100, recency: 40, orders: 3, spend: 300, interactions: 12);
        Add("lapsed", 60, recency: 300, orders: 1, spend: 60, interactions: 2);
        return customers;
    }

    [Fact]
    public void Well_separated_kinds_come_back_as_the_clusters_with_their_sizes_and_centroids()
    {
        var clusters = KMeansSegmenter.Suggest(ThreeKinds(), 3);

        Assert.Equal([40, 100, 60], clusters.Select(c => c.Size));
        Assert.InRange(clusters[0].Centroid.Spend, 16_000, 24_000);
        Assert.InRange(clusters[2].Centroid.RecencyDays, 240, 360);
        Assert.Contains("high spend", clusters[0].Description);
        Assert.Contains("gone quiet", clusters[2].Description);
        Assert.True(clusters[1].Spend.Min >= 240 && clusters[1].Spend.Max <= 360);
    }

    [Fact]
    public void The_same_customers_give_the_same_clusters()
    {
        Assert.Equal(KMeansSegmenter.Suggest(ThreeKinds(), 3).Select(c => c.Size), KMeansSegmenter.Suggest(ThreeKinds(), 3).Select(c => c.Size));
    }

    [Fact]
    public void Fewer_customers_than_clusters_suggest_nothing_and_k_is_bounded()
    {
        Assert.Empty(KMeansSegmenter.Suggest(ThreeKinds().Take(2).ToList(), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KMeansSegmenter.Suggest(ThreeKinds(), 1));
    }
}
