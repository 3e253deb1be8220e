namespace Crm.CustomerClustering;

/// <summary>What k-means compares customers by.</summary>
/// <param name="RecencyDays">Days since the last interaction (the customer's age when it never interacted).</param>
public sealed record CustomerFeatures(string CustomerId, double RecencyDays, double Orders, double Spend, double Interactions);

/// <summary>One suggested segment: its members' count, their mean features, and the range of each feature among them.</summary>
public sealed record Cluster(int Size, CustomerFeatures Centroid, FeatureRange Orders, FeatureRange Spend, FeatureRange RecencyDays, string Description);

public sealed record FeatureRange(double Min, double Max);
