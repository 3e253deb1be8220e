using Actors;
using Actors.Hosting;
using Actors.Membership;
using Actors.Reminders;
using Actors.Messaging;
using Actors.Routing;
using Actors.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// In the hosting namespace (as Orleans' UseOrleans is) so that `builder.AddActorSilo(...)` needs no extra using.
namespace Microsoft.Extensions.Hosting;

/// <summary>Wires a silo or a client into a host; both read the configuration section "Actors".</summary>
public static class ActorHostingExtensions
{
    /// <summary>Makes this process a silo hosting the actor kinds <paramref name="configure"/> adds; registers <see cref="IActorFactory"/> and a health check.</summary>
    public static TBuilder AddActorSilo<TBuilder>(this TBuilder builder, Action<ActorSiloBuilder> configure)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(configure);
        EnsureOnce(builder.Services);
        var silo = new ActorSiloBuilder();
        configure(silo);
        if (silo.Classes.Count == 0)
            throw new InvalidOperationException("AddActorSilo needs at least one silo.AddActor<TInterface, TActor>().");
        var services = AddCommon(builder);
        services.AddSingleton(sp => new Catalog(silo.Classes, sp, silo.StateStore?.Invoke(sp) ?? sp.GetRequiredService<ActorStorage>().State,
            sp.GetRequiredService<ActorStorage>().Reminders, sp.GetRequiredService<ActorsOptions>(), sp.GetRequiredService<ILogger<Catalog>>()));
        services.AddSingleton(sp => new ReminderService(sp.GetRequiredService<ActorStorage>().Reminders, sp.GetRequiredService<Catalog>(),
            sp.GetRequiredService<MembershipAgent>(), sp.GetRequiredService<ActorsOptions>(), sp.GetRequiredService<ILogger<ReminderService>>()));
        services.AddSingleton(sp => new SiloListener(sp.GetRequiredService<CallRouter>(), sp.GetRequiredService<ILogger<SiloListener>>()));
        services.AddSingleton(sp => new ActorSilo(
            sp.GetRequiredService<ActorsOptions>(), sp.GetRequiredService<ActorStorage>(), sp.GetRequiredService<MembershipAgent>(),
            sp.GetRequiredService<ConnectionPool>(), sp.GetRequiredService<SiloListener>(), sp.GetRequiredService<CallRouter>(),
            sp.GetRequiredService<Catalog>(), sp.GetRequiredService<ReminderService>(), sp.GetRequiredService<IActorFactory>(), sp.GetRequiredService<ILogger<ActorSilo>>(),
            sp.GetService<IHostApplicationLifetime>()));
        services.AddHostedService(sp => sp.GetRequiredService<ActorSilo>());
        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "actors-silo", sp => new SiloHealthCheck(sp.GetRequiredService<ActorSilo>(), sp.GetRequiredService<MembershipAgent>()), null, ["ready"]));
        return builder;
    }

    /// <summary>Makes this process an actor client (calls actors, hosts none); registers <see cref="IActorFactory"/> and a health check.</summary>
    public static TBuilder AddActorClient<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        EnsureOnce(builder.Services);
        var services = AddCommon(builder);
        services.AddSingleton(sp => new ActorClient(sp.GetRequiredService<ActorStorage>(), sp.GetRequiredService<MembershipAgent>(),
            sp.GetRequiredService<ConnectionPool>(), sp.GetRequiredService<ILogger<ActorClient>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ActorClient>());
        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "actors-client", sp => new ClientHealthCheck(sp.GetRequiredService<MembershipAgent>(), sp.GetRequiredService<ConnectionPool>()), null, ["ready"]));
        return builder;
    }

    private static IServiceCollection AddCommon(IHostApplicationBuilder builder)
    {
        var options = new ActorsOptions();
        builder.Configuration.GetSection(ActorsOptions.Section).Bind(options);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(_ => ActorStorage.Create(options));
        services.AddSingleton(sp => new ConnectionPool(sp.GetRequiredService<ILogger<ConnectionPool>>()));
        services.AddSingleton(sp => new MembershipAgent(sp.GetRequiredService<ActorStorage>().Membership, options, sp.GetRequiredService<ILogger<MembershipAgent>>())
        {
            Connections = sp.GetRequiredService<ConnectionPool>(),
        });
        services.AddSingleton(sp => new CallRouter(sp.GetRequiredService<MembershipAgent>(), sp.GetRequiredService<ConnectionPool>(), options, sp.GetRequiredService<ILogger<CallRouter>>()));
        services.AddSingleton<IActorFactory>(sp => new ActorFactory(sp.GetRequiredService<CallRouter>()));
        return services;
    }

    private static void EnsureOnce(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ActorsOptions)))
            throw new InvalidOperationException("AddActorSilo/AddActorClient may be called once per host: a silo is already a client of its cluster.");
    }
}
