namespace Crm.Benchmarks.Actors;

/// <summary>The benchmark silo's departures from Orleans' defaults, each with the figure it is for.</summary>
internal static class SiloTuning
{
    public static void Apply(ISiloBuilder silo)
    {
    }
}
