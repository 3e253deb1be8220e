using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Storage;

namespace Crm.Benchmarks.Actors;

/// <summary>The benchmark silo's departures from Orleans' defaults, each with the figure it is for.</summary>
internal static class SiloTuning
{
    /// <summary>
    /// Directory cache entries the silo keeps. Orleans' default of 1,000,000 caches the address of every activation,
    /// local ones included, at about 250 bytes each (an LRU item, its node and a slot of the map); a gcdump of 100,000
    /// idle probes showed it as the largest avoidable cost per activation. A silo needs the cache for the grains it
    /// calls often on other silos, a hot set far smaller than the customers resident on it.
    /// </summary>
    public const int DirectoryCacheSize = 20_000;

    public static void Apply(ISiloBuilder silo)
    {
        silo.Configure<GrainDirectoryOptions>(options => options.CacheSize = DirectoryCacheSize);
        // Grain state in Orleans' binary format, as the customer silo stores it (CustomerSilo/Cluster/GrainStateSerialization):
        // Orleans' default, Newtonsoft JSON, took most of each durable write's and cold activation's time.
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
    }
}
