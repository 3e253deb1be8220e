using Crm.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServiceDefaults.Tests.Logging;

public sealed class LogLevelDefaultsTests
{
    private static ILoggerFactory Loggers(Dictionary<string, string?>? configuration = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(configuration ?? []);
        builder.AddServiceDefaults();
        return builder.Build().Services.GetRequiredService<ILoggerFactory>();
    }

    [Fact]
    public void Per_request_lines_are_off_but_warnings_and_the_service_lifetime_are_kept()
    {
        var loggers = Loggers();
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Yarp.ReverseProxy.Forwarder.HttpForwarder").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("Microsoft.Hosting.Lifetime").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void Orleans_option_dumps_and_Pollys_line_per_placement_are_off_but_their_warnings_are_kept()
    {
        var loggers = Loggers();
        Assert.False(loggers.CreateLogger("Orleans.Runtime.SiloOptionsLogger").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Orleans.Runtime.MembershipService.MembershipTableManager").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("Polly").IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void Configuration_can_turn_request_lines_back_on()
    {
        var loggers = Loggers(new() { ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information" });
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }
}
