namespace Crm.Benchmarks.Actors;

/// <summary>The benchmark client's departures from Orleans' defaults, each with the figure it is for.</summary>
internal static class ClientTuning
{
    public static void Apply(IClientBuilder client)
    {
    }
}
